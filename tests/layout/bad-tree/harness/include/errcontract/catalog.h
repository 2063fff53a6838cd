// A public header of the library.
