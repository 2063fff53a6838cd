#include <gtest/gtest.h>

#include <string>

#include "errcontract/runner.h"

namespace errcontract {
namespace {

TEST(RunIdProblem, AcceptsLowerCaseLettersDigitsAndHyphens) {
  EXPECT_EQ(run_id_problem("r1abcd"), "");
  EXPECT_EQ(run_id_problem("ci-12345-2"), "");
  EXPECT_EQ(run_id_problem("7"), "");
  EXPECT_EQ(run_id_problem(std::string(kMaxRunIdLength, 'a')), "");
}

TEST(RunIdProblem, RejectsEmptyAndTooLong) {
  EXPECT_EQ(run_id_problem(""), "the run id is empty");
  EXPECT_EQ(run_id_problem(std::string(kMaxRunIdLength + 1, 'a')),
            "the run id has 25 characters; at most 24 are allowed");
}

TEST(RunIdProblem, RejectsWhatNoResourceNameMayHold) {
  EXPECT_EQ(run_id_problem("CI-1"),
            "the run id has an upper-case letter; resource names are made from it, use "
            "lower-case letters, digits and '-'");
  for (const char* bad : {"a_b", "a.b", "a b", "a/b", "a${x}", "caf\xc3\xa9"}) {
    EXPECT_EQ(run_id_problem(bad),
              "the run id may only have lower-case letters, digits and '-' (it is part of "
              "resource names)")
        << bad;
  }
  EXPECT_EQ(run_id_problem("-ab"), "the run id must start with a letter or a digit");
}

}  // namespace
}  // namespace errcontract
