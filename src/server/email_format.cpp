#include "smp/server/email_format.hpp"

#include <chrono>
#include <vector>

#include "smp/date.hpp"
#include "smp/date_text.hpp"
#include "smp/server/timestamps.hpp"

namespace smp::server {
namespace {

using nlohmann::json;

std::string two_digits(long long value) {
  std::string text = std::to_string(value);
  if (text.size() < 2) text.insert(text.begin(), '0');
  return text;
}

std::string date_text(smp::Date date, const smp::Messages& messages, bool weekday) {
  return weekday ? smp::weekday_date(date, messages) : smp::long_date(date, messages);
}

// A label from the catalogue, or the code itself when the catalogue has none.
std::string option(const smp::Messages& messages, const std::string& question,
                   const std::string& value) {
  const std::string key = "option." + question + "." + value;
  return messages.has(key) ? messages.text(key) : value;
}

std::string text_of(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string email_date(const std::string& iso_date, const smp::Messages& messages, bool weekday) {
  const auto date = smp::parse_date(iso_date);
  return date ? date_text(*date, messages, weekday) : iso_date;
}

std::string email_time(std::int64_t unix_ms, const std::optional<TimeZone>& zone,
                       const std::string& zone_name, const smp::Messages& messages) {
  const std::int64_t seconds = unix_ms / 1000 + (zone ? zone->offset_seconds(unix_ms / 1000) : 0);
  const auto time = std::chrono::sys_seconds{std::chrono::seconds{seconds}};
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const long long in_day = (time - day).count();
  return messages.text("date.time", {{"date", date_text(smp::Date{day}, messages, true)},
                                     {"hour", two_digits(in_day / 3600)},
                                     {"minute", two_digits(in_day / 60 % 60)},
                                     {"zone", zone ? zone_name : std::string("UTC")}});
}

std::string email_time(const std::string& iso_time, const std::optional<TimeZone>& zone,
                       const std::string& zone_name, const smp::Messages& messages) {
  const auto unix_ms = parse_iso8601(iso_time);
  return unix_ms ? email_time(*unix_ms, zone, zone_name, messages) : iso_time;
}

std::string answer_label(const std::string& key, const json& value, const smp::Messages& messages) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (smp::parse_date(text)) return email_date(text, messages, false);
    return option(messages, key, text);
  }
  if (key == "fitzpatrick" && value.is_number_integer()) {
    const std::string type = std::to_string(value.get<long long>());
    return option(messages, key, type) + " (" + type + ")";
  }
  if (key == "pattern" && value.is_object()) {
    const std::string scale = text_of(value, "scale");
    std::string text = option(messages, "pattern_scale", scale);
    const std::string stage = text_of(value, "stage");
    const std::string extent = text_of(value, "extent");
    // The clinic also gets the scale's own name and stage, which is how it grades hair loss.
    if (!stage.empty() && (scale == "norwood" || scale == "ludwig")) {
      text += " – " + option(messages, scale + "_stage", stage) + " (" +
              std::string(scale == "norwood" ? "Norwood " : "Ludwig ") + stage + ")";
    } else if (!extent.empty()) {
      text += " – " + option(messages, "diffuse_extent", extent);
    }
    return text;
  }
  if (key == "scars" && value.is_array()) {
    std::string text;
    for (const auto& scar : value) {
      if (!text.empty()) text += "; ";
      text += option(messages, "scars", text_of(scar, "type"));
      // The visitor's own wording from the scar question, so no email-only text is needed.
      const std::string healed = text_of(scar, "healed_since");
      std::vector<std::string> notes;
      if (!healed.empty()) {
        notes.push_back(messages.text("ui.scars.healed_since") + ": " +
                        email_date(healed, messages, false));
      }
      const auto raised = scar.is_object() ? scar.find("raised_or_red") : scar.end();
      if (raised != scar.end() && raised->is_boolean() && raised->get<bool>()) {
        notes.push_back(messages.text("ui.scars.raised_or_red"));
      }
      for (std::size_t i = 0; i < notes.size(); ++i) text += (i == 0 ? " (" : "; ") + notes[i];
      if (!notes.empty()) text += ")";
    }
    return text;
  }
  if (value.is_number() || value.is_boolean()) return value.dump();
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace smp::server
