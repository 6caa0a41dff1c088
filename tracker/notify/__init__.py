"""Notifications beyond feeds: position changes sent by e-mail, chat or webhook (Apprise).

`config` reads `[notifications]`, `messages` words an event (pure), `deliver` queues,
sends and records; the queue itself is `tracker.store.deliveries`.
"""
