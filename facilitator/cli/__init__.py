"""The `facilitator` command line. Kept free of imports: `entry` must patch the standard
library for gevent before Flask or a database driver is imported."""
