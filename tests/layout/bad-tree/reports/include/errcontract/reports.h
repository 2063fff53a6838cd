// The reports public header.
