// The callback signatures of the reference server: HMAC-SHA256 against the
// RFC 4231 test vectors, the canonical string, the comparison and the
// timestamp window.
#include "rules/signature.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace errcontract::internal {
namespace {

TEST(Signature, HmacMatchesRfc4231Case2) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Signature, CanonicalStringSortsNamesAndKeepsValuesRaw) {
  Params params;
  params.add("uid", "a b&c");
  params.add("event", "revoke");
  params.add("sign", "ignored");
  EXPECT_EQ(canonical_string(params, {"uid", "event", "service"}),
            "event=revoke&service=&uid=a b&c");
}

TEST(Signature, MatchIsExactButCaseInsensitive) {
  const std::string expected = hmac_sha256_hex("k", "m");
  std::string upper = expected;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(signature_matches(expected, upper));
  EXPECT_FALSE(signature_matches(expected, expected.substr(1)));
  EXPECT_FALSE(signature_matches(expected, expected + "0"));
  EXPECT_FALSE(signature_matches("", ""));
}

TEST(Signature, CallbackNeedsSignAndFreshTimestamp) {
  Params params;
  params.add("uid", "u1");
  params.add("timestamp", "1000");
  EXPECT_FALSE(callback_verifies(params, "key", {"timestamp", "uid"}, 1000, 300));
  params.add("sign", hmac_sha256_hex("key", "timestamp=1000&uid=u1"));
  EXPECT_TRUE(callback_verifies(params, "key", {"timestamp", "uid"}, 1300, 300));
  EXPECT_TRUE(callback_verifies(params, "key", {"timestamp", "uid"}, 700, 300));
  EXPECT_FALSE(callback_verifies(params, "key", {"timestamp", "uid"}, 1301, 300));
  EXPECT_FALSE(callback_verifies(params, "key", {"timestamp", "uid"}, 699, 300));
  EXPECT_FALSE(callback_verifies(params, "other", {"timestamp", "uid"}, 1000, 300));
}

TEST(Signature, MalformedTimestampFails) {
  Params params;
  params.add("timestamp", "1e3");
  params.add("sign", hmac_sha256_hex("key", "timestamp=1e3"));
  EXPECT_FALSE(callback_verifies(params, "key", {"timestamp"}, 1000, 300));
}

TEST(Signature, IdentifierCharacters) {
  EXPECT_TRUE(is_identifier("ap-1.x_y@z", 10));
  EXPECT_FALSE(is_identifier("", 10));
  EXPECT_FALSE(is_identifier("abc", 2));
  EXPECT_FALSE(is_identifier("a b", 10));
  EXPECT_FALSE(is_identifier("a/b", 10));
}

}  // namespace
}  // namespace errcontract::internal
