"""ENGINE_VERSION: part of every shared run's key and of every shipped pack's name.

Bump it when a change to rnnlab changes the numbers a config produces (then rebuild the packs:
`python -m rnnlab.teaching.packs`). 3: gated cells, the forward state's size in the history.
"""

ENGINE_VERSION = "3"
