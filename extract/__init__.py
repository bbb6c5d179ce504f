"""extract: who said what, how much money, how many, and which position, from news articles."""

__version__ = "0.1.0"
