"""The claim stages (money, counts, quotes, stance) and what they share."""
