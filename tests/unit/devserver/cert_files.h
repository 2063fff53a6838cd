// The test certificates and keys shipped in cases/certs/ (see its README),
// read by name for the tests of the module 217 rules.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace errcontract::testing {

inline std::string cert_file(const std::string& name) {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/cases/certs/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read cases/certs/" << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace errcontract::testing
