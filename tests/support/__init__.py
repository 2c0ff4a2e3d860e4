"""Helpers shared by the tests: data factories, scenarios, servers and clients."""
