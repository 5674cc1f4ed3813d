"""What normalize, update and import do, without click. Imports everything below cli."""
