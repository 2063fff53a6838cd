// A private header of the library.
