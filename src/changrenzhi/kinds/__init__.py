"""The rule kinds, one module per family of duties; :mod:`changrenzhi.kinds.base` is what a kind is.

Nothing is registered by importing a family: :mod:`changrenzhi.registry` lists the built-in kinds.
"""
