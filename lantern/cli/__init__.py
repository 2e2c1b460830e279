"""The ``lantern`` command line: a thin layer of commands over library functions."""
