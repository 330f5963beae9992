"""Shared pytest setup.

Its presence makes pytest put ``tests/`` on ``sys.path`` (rootdir-based
"prepend" import mode), so test modules in ``tests/kinds/`` can
``from support import ...``.
"""
