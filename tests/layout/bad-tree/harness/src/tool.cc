// Breaks two rules: the library includes a report header and has a main().
#include "errcontract/reports.h"

int main() { return 0; }
