"""The command line: the click group and its commands. The only layer that prints and exits."""
