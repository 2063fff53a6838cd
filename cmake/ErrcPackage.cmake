# `cpack -G DEB` in a Release build folder: errcontract_<version>_<arch>.deb
# with the binary in /usr/bin and the case library in
# /usr/share/errcontract/cases. Its dependencies (the shared libraries the
# binary links: cpp-httplib, fmt, OpenSSL, libstdc++) come from dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME errcontract)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Contract tests and fuzzing for an HTTP API's documented error table")
set(CPACK_PACKAGE_CONTACT "errcontract developers <errcontract@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
