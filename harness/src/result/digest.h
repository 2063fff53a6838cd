// Content digests that say two reports came from the same catalog and case
// library ("sha256:<64 hex>", RunResult::catalog_digest and cases_digest), so
// `errcontract report merge` can refuse to join runs of different ones.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "errcontract/catalog.h"

namespace errcontract::internal {

// SHA-256 over named parts, each framed by its name and length, so that
// moving bytes from one part to the next changes the digest.
class ContentDigest {
 public:
  ContentDigest();
  ~ContentDigest();
  ContentDigest(const ContentDigest&) = delete;
  ContentDigest& operator=(const ContentDigest&) = delete;

  void add(std::string_view name, std::string_view content);
  std::string finish();  // "sha256:..." (lower-case hex); the digest is spent

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The digest of the catalog's canonical JSON (export_catalog_json): the same
// for the built-in catalog and a --catalog file of the same content.
std::string catalog_digest(const Catalog& catalog);

}  // namespace errcontract::internal
