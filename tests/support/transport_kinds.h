// The two transports behind make_http_transport() for an http:// target
// (transport/transports.h), as a test parameter: the tests that hold the
// transport to its contract run against both, so neither can drift.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>

#include "errcontract/http.h"
#include "transport/transports.h"

namespace errcontract::testing {

enum class TransportKind { kPlain, kHttplib };

inline void PrintTo(TransportKind kind, std::ostream* out) {
  *out << (kind == TransportKind::kPlain ? "plain" : "cpp-httplib");
}

inline std::unique_ptr<Transport> make_transport_of(TransportKind kind,
                                                    const TargetOptions& options) {
  return kind == TransportKind::kPlain ? internal::make_plain_http_transport(options)
                                       : internal::make_httplib_transport(options);
}

inline std::string transport_kind_name(const ::testing::TestParamInfo<TransportKind>& info) {
  return info.param == TransportKind::kPlain ? "Plain" : "Httplib";
}

#define ERRC_INSTANTIATE_FOR_BOTH_TRANSPORTS(suite)                                            \
  INSTANTIATE_TEST_SUITE_P(BothTransports, suite,                                              \
                           ::testing::Values(::errcontract::testing::TransportKind::kPlain,    \
                                             ::errcontract::testing::TransportKind::kHttplib), \
                           ::errcontract::testing::transport_kind_name)

}  // namespace errcontract::testing
