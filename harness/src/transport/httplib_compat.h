// What differs between the cpp-httplib versions errcontract builds with:
// 0.11.4 (Debian 12), 0.14.3 (Ubuntu 24.04, the ClusterFuzzLite image) and
// 0.18.7 (Debian 13). Each difference is read off the library itself (a
// class that is final, an error that exists), not off its version number, so a
// version in between builds too.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <type_traits>

namespace errcontract::internal::httplib_compat {

// A client class errcontract may derive from to reach its socket (the
// unasked-bytes probe). 0.11 and 0.14 leave SSLClient open; 0.18 marks it final.
template <class Client>
inline constexpr bool kCanDerive = !std::is_final_v<Client>;

// A certificate for another host name: 0.18 reports it as
// Error::SSLServerHostnameVerification; 0.11 and 0.14 as SSLServerVerification,
// told apart by OpenSSL's verify result.
template <class E = httplib::Error>
constexpr bool is_hostname_mismatch(E error) {
  if constexpr (requires { E::SSLServerHostnameVerification; }) {
    return error == E::SSLServerHostnameVerification;
  } else {
    return false;
  }
}

// The most header lines the client reads in one response head, 0 for no
// limit. 0.11 and 0.14 read any number; Debian 13's 0.18.7 (the security
// update 0.18.7-1+deb13u1) and upstream from 0.20 stop after
// CPPHTTPLIB_HEADER_MAX_COUNT (100) and report a read error.
#ifdef CPPHTTPLIB_HEADER_MAX_COUNT
inline constexpr std::size_t kMaxHeaderLines = CPPHTTPLIB_HEADER_MAX_COUNT;
#else
inline constexpr std::size_t kMaxHeaderLines = 0;
#endif

}  // namespace errcontract::internal::httplib_compat
