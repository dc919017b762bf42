"""The actor network: read from the store, filtered and measured, laid out and drawn."""
