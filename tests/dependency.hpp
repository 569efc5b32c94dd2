#pragma once
// A test that needs something the machine may lack (tzdata, the CLI binary) skips it with a
// warning on a developer's machine, but fails under CI=true: CI must never go green because a
// dependency is missing.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

namespace smp::test {

/// True when the environment says this is CI (CI set, and not "false" or "0").
inline bool under_ci() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) return false;
  const std::string value = ci;
  return !value.empty() && value != "false" && value != "0";
}

}  // namespace smp::test

/// Skips the rest of the test case when `present` is false (fails instead under CI=true).
#define SMP_REQUIRE_DEPENDENCY(present, what)                                               \
  do {                                                                                      \
    if (!(present)) {                                                                       \
      if (smp::test::under_ci()) FAIL(std::string(what) + " is missing (CI: not skipped)"); \
      WARN(std::string(what) + " is missing: skipped");                                     \
      return;                                                                               \
    }                                                                                       \
  } while (false)
