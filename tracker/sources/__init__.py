"""Where letters come from: the official sources and the inbox folder.

Each fetcher takes its HTTP session as a parameter and yields `Fetched` documents; the
store ingests them. See `tracker.sources.base` for the values that pass between them.
"""
