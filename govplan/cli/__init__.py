"""The command line."""

import gc

# A run allocates many small objects that die together and seldom form cycles; collecting
# after every 700 allocations (Python's default) costs `validate` over a corpus about a
# tenth of its time. The collector still runs, so memory stays bounded (measured in bench/).
gc.set_threshold(20_000, 20, 20)
