# Script mode helper for errc_embed_file: writes IN as a hex byte array, so
# any content (quotes, ")", NUL) survives and no raw-string limit applies.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}"
  "// Generated from ${IN}; do not edit.\n"
  "#include <string_view>\n"
  "namespace errcontract::internal {\n"
  "static const char kBytes[] = {${bytes} 0};\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}(kBytes, ${size});\n"
  "}  // namespace errcontract::internal\n")
