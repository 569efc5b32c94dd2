#pragma once
// Small helpers for walking a JSON document and collecting every problem with its pointer.
// Used by config and answers parsing; nothing here throws (nlohmann runs with JSON_NOEXCEPTION).
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "smp/date.hpp"
#include "smp/diagnostic.hpp"

namespace smp {

using nlohmann::json;

/// Collects diagnostics while walking a document.
class JsonWalk {
 public:
  explicit JsonWalk(Diagnostics& errors) : errors_(errors) {}

  void error(const std::string& pointer, const std::string& code, const std::string& message) {
    errors_.push_back({pointer, code, message});
  }
  /// How many problems were reported so far (a part is valid when this did not grow).
  size_t count() const { return errors_.size(); }
  /// Pointer of `key` below `parent`.
  static std::string child(const std::string& parent, std::string_view key) {
    return parent + "/" + escape_pointer_token(std::string(key));
  }
  static std::string child(const std::string& parent, size_t index) {
    return parent + "/" + std::to_string(index);
  }

  /// Reports every key of `object` not in `allowed`.
  void unknown_keys(const json& object, const std::string& pointer,
                    std::initializer_list<std::string_view> allowed);

  /// `object[key]` when present (nullptr otherwise).
  static const json* find(const json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
  }

  bool expect_object(const json& value, const std::string& pointer);
  bool expect_array(const json& value, const std::string& pointer);

  /// Integer in [min, max]; reports wrong type / out of range.
  std::optional<long long> integer(const json& value, const std::string& pointer, long long min,
                                   long long max);
  std::optional<double> number(const json& value, const std::string& pointer, double min,
                               double max);
  std::optional<bool> boolean(const json& value, const std::string& pointer);
  std::optional<std::string> string(const json& value, const std::string& pointer,
                                    size_t max_length);
  std::optional<Date> date(const json& value, const std::string& pointer);

  /// One of the named values; reports the allowed list otherwise.
  template <class T>
  std::optional<T> one_of(const json& value, const std::string& pointer,
                          std::initializer_list<std::pair<std::string_view, T>> choices) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      for (const auto& [name, choice] : choices) {
        if (text == name) return choice;
      }
    }
    std::string names;
    for (const auto& [name, choice] : choices)
      names += (names.empty() ? "" : ", ") + std::string(name);
    error(pointer, value.is_string() ? "invalid_value" : "wrong_type",
          "must be one of: " + names + " (got " + short_dump(value) + ")");
    return std::nullopt;
  }

  /// A compact rendering of a value for messages (long strings are cut).
  static std::string short_dump(const json& value);

 private:
  Diagnostics& errors_;
};

}  // namespace smp
