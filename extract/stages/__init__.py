"""The claim stages (quotes, money, counts, stance) and what they share.

Each claim type's module registers it (``extract.stages.registry``); importing any stage imports
this package first, which imports every type's module in the order below: the registry's order
(of KB columns, summaries and stages). A new type is its module plus one name here.
"""

from importlib import import_module

CLAIM_TYPE_MODULES = ("extract.stages.quotes", "extract.stages.money", "extract.stages.counts", "extract.stages.stance")

for _module in CLAIM_TYPE_MODULES:
    import_module(_module)
