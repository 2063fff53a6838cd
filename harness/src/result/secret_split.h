// Cuts a text at each occurrence of a secret value (as is or percent-encoded,
// the longest value first), so that a caller can write each occurrence as a
// reference instead: "$ERRC_FIXTURE_TOKEN" in a curl command, ${fixture:token}
// in a teardown kept for `errcontract teardown --from`.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace errcontract::internal {

// A run of literal bytes, or (label non-empty) an occurrence of a secret.
struct SecretPiece {
  std::string literal;
  std::string label;
};

// value -> label (an environment variable, a fixture name).
using SecretLabels = std::vector<std::pair<std::string, std::string>>;

class SecretSplitter {
 public:
  explicit SecretSplitter(const std::vector<const SecretLabels*>& lists);
  // At least one piece; an empty text gives one empty literal.
  std::vector<SecretPiece> split(std::string_view text) const;

 private:
  std::vector<std::pair<std::string, const std::string*>> needles_;  // longest first
};

}  // namespace errcontract::internal
