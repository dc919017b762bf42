"""Building a store: articles read, extracted on every core or a cluster, written in batches,
people linked across articles."""
