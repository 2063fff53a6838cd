// Breaks one rule: reports include a private header of the library.
#include "json/json_location.h"
