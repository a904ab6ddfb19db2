"""The Werkcarrousel ranking engine: plain data in, ranked and explained pairs out.

Nothing here imports Flask or the database, so the rules can be tested and reused alone.
"""
