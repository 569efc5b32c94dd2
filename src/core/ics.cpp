// The plan as an iCalendar (RFC 5545) file: all-day events, UIDs unique per plan, DTSTAMP the
// creation time the caller passes in.
#include "smp/ics.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "smp/date.hpp"

namespace smp {
namespace {

constexpr std::size_t kMaxOctetsPerLine = 75;
constexpr std::string_view kCrlf = "\r\n";

// One all-day event before it is written out.
struct CalendarEvent {
  Date date;
  std::string kind;  // part of the UID: "session", "patch-test", "aftercare", ...
  int number = 0;    // distinguishes events of one kind (session number, milestone index)
  std::string summary;
  std::vector<std::string> description;  // one entry per line
  // Clinic visits get the address and block the day; reminders are transparent and placeless.
  bool at_clinic = false;
};

// RFC 5545 DATE form: YYYYMMDD.
std::string compact_date(Date date) {
  std::string text = format_date(date);
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  return text;
}

// 64-bit FNV-1a keeps UIDs stable across runs and platforms (std::hash is neither), and two
// plans of one clinic and day never share one.
std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

// RFC 5545 UTC DATE-TIME: YYYYMMDDTHHMMSSZ.
std::string utc_stamp(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds time{seconds{unix_seconds}};
  const sys_days day = floor<days>(time);
  const long long in_day = (time - day).count();
  auto two = [](long long value) {
    std::string text = std::to_string(value);
    if (text.size() < 2) text.insert(text.begin(), '0');
    return text;
  };
  return compact_date(Date{day}) + "T" + two(in_day / 3600) + two(in_day / 60 % 60) +
         two(in_day % 60) + "Z";
}

std::string hex32(std::uint32_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(8, '0');
  for (int i = 7; i >= 0; --i, value >>= 4) text[size_t(i)] = kDigits[value & 0xF];
  return text;
}

// Hours are stored in tenths; Spanish writes the decimal with a comma.
std::string format_hours(int tenths, const Messages& messages) {
  std::string text = std::to_string(tenths / 10);
  if (tenths % 10 != 0) {
    text += messages.locale() == "es" ? ',' : '.';
    text += static_cast<char>('0' + tenths % 10);
  }
  return text;
}

std::string hours_line(const HoursRange& hours, const Messages& messages) {
  return messages.text("ics.hours", {{"min", format_hours(hours.min_tenths, messages)},
                                     {"max", format_hours(hours.max_tenths, messages)}});
}

// The short label of an aftercare text ("Shaving: use a trimmer…" -> "Shaving"), for summaries:
// the catalogue writes each milestone as "What: how", else its first sentence says it.
std::string short_label(const std::string& text) {
  constexpr std::size_t kMaxLabel = 80;
  for (char stop : {':', '.'}) {
    const std::size_t cut = text.find(stop);
    if (cut != std::string::npos && cut > 0 && cut <= kMaxLabel) return text.substr(0, cut);
  }
  return text;
}

void add_session_events(const Plan& plan, const Messages& messages,
                        std::vector<CalendarEvent>& events) {
  for (const PlannedSession& session : plan.sessions) {
    if (!session.date) continue;
    CalendarEvent event;
    event.date = *session.date;
    event.kind = "session";
    event.number = session.number;
    event.at_clinic = true;
    const MessageParams number{{"number", std::to_string(session.number)}};
    event.summary =
        messages.text(session.if_needed ? "ics.session_if_needed" : "ics.session", number);
    if (session.hours.max_tenths > 0) {
      event.description.push_back(hours_line(session.hours, messages));
    }
    if (session.full_day) {
      event.description.push_back(messages.text("ics.full_day"));
    }
    for (const CareItem& item : plan.precare) {
      if (item.session != session.number) continue;
      const MessageParams params{{"days", std::to_string(item.day < 0 ? -item.day : item.day)},
                                 {"number", std::to_string(session.number)}};
      std::string line = messages.text("precare." + item.code, params);
      if (item.date) line = format_date(*item.date) + ": " + line;
      event.description.push_back(std::move(line));
    }
    event.description.push_back(messages.text("ics.description_footer"));
    events.push_back(std::move(event));
  }
}

// Aftercare milestones after every dated session, one entry per session and day listing what
// resumes then. A milestone the next session comes before is left out: that session restarts
// its clock, so the date would never be true.
void add_aftercare_events(const Plan& plan, const Messages& messages,
                          std::vector<CalendarEvent>& events) {
  std::map<std::pair<int, Date>, std::vector<const CareItem*>> by_day;
  for (const CareItem& item : plan.aftercare) {
    if (!item.date || item.restarted_by != 0) continue;
    by_day[{item.session, *item.date}].push_back(&item);
  }
  int index = 0;
  for (const auto& [key, items] : by_day) {
    CalendarEvent event;
    event.date = key.second;
    event.kind = "aftercare";
    event.number = ++index;
    std::string labels;
    for (const CareItem* item : items) {
      const std::string text = messages.text("aftercare." + item->code);
      if (!labels.empty()) labels += "; ";
      labels += short_label(text);
      event.description.push_back(text);
    }
    event.summary = messages.text("ics.aftercare_after_session",
                                  {{"number", std::to_string(key.first)}, {"items", labels}});
    events.push_back(std::move(event));
  }
}

void add_single_event(std::optional<Date> date, std::string kind, std::string summary,
                      bool at_clinic, std::vector<CalendarEvent>& events) {
  if (!date) return;
  CalendarEvent event;
  event.date = *date;
  event.kind = std::move(kind);
  event.number = 1;
  event.summary = std::move(summary);
  event.at_clinic = at_clinic;
  events.push_back(std::move(event));
}

void append_line(std::string& out, const std::string& line) {
  out += fold_ics_line(line);
}

}  // namespace

std::string fold_ics_line(const std::string& line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t start = 0;
  bool first = true;
  do {
    // Continuation lines begin with one space, which counts toward the 75 octets.
    const std::size_t budget = first ? kMaxOctetsPerLine : kMaxOctetsPerLine - 1;
    std::size_t end = std::min(line.size(), start + budget);
    if (end < line.size()) {
      // Back off to the start of a UTF-8 sequence so no character is split across lines.
      std::size_t cut = end;
      while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      if (cut > start) end = cut;  // invalid UTF-8 (all continuation bytes): cut hard
    }
    if (!first) out += ' ';
    out.append(line, start, end - start);
    out += kCrlf;
    start = end;
    first = false;
  } while (start < line.size());
  return out;
}

std::string escape_ics_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        // CRLF and a lone CR are one line break, like LF.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      case '\t':
        // A tab separates words; dropping it would glue them together.
        out += ' ';
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20) || c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string plan_to_ics(const Consultation& consultation, const Config& config,
                        const Messages& messages, const IcsStamp& ics_stamp) {
  if (!consultation.plan) return "";
  const Plan& plan = *consultation.plan;

  std::vector<CalendarEvent> events;
  add_single_event(plan.patch_test_by, "patch-test", messages.text("ics.patch_test"), true, events);
  add_session_events(plan, messages, events);
  add_aftercare_events(plan, messages, events);
  add_single_event(plan.unrestricted_from, "unrestricted", messages.text("ics.unrestricted"), false,
                   events);
  // The touch-up is a reminder to book, not an appointment, so it neither blocks the day nor
  // sends a phone's navigation to the clinic.
  add_single_event(plan.touch_up_reminder, "touch-up", messages.text("ics.touch_up"), false,
                   events);
  if (events.empty()) return "";
  // Insertion by date keeps equal dates in build order (cheaper in code size than stable_sort).
  for (size_t i = 1; i < events.size(); ++i) {
    for (size_t j = i; j > 0 && events[j].date < events[j - 1].date; --j) {
      std::swap(events[j], events[j - 1]);
    }
  }

  // No clock in the core: the caller passes the creation time (the consultation date only for
  // callers that have none). The plan id keeps each visitor's events apart in one calendar, and
  // the same plan downloaded again keeps its UIDs, so a re-import updates instead of duplicating.
  const std::string stamp = ics_stamp.created_unix_seconds
                                ? utc_stamp(*ics_stamp.created_unix_seconds)
                                : compact_date(consultation.as_of) + "T000000Z";
  const std::uint64_t uid_hash = fnv1a64(format_date(consultation.as_of) + '\x1f' +
                                         config.clinic.name + '\x1f' + ics_stamp.plan_id);
  const std::string uid_suffix = hex32(static_cast<std::uint32_t>(uid_hash >> 32)) +
                                 hex32(static_cast<std::uint32_t>(uid_hash));
  const std::string location = escape_ics_text(config.clinic.address);

  std::string out;
  append_line(out, "BEGIN:VCALENDAR");
  append_line(out, "VERSION:2.0");
  append_line(out, "PRODID:-//smp-consult//plan//EN");
  append_line(out, "CALSCALE:GREGORIAN");
  append_line(out, "METHOD:PUBLISH");
  append_line(out, "X-WR-CALNAME:" + escape_ics_text(messages.text(
                                         "ics.calendar_name", {{"clinic", config.clinic.name}})));
  for (const CalendarEvent& event : events) {
    const std::string day = compact_date(event.date);
    append_line(out, "BEGIN:VEVENT");
    append_line(out, "UID:" + event.kind + "-" + std::to_string(event.number) + "-" + day + "-" +
                         uid_suffix + "@smp-consult");
    append_line(out, "DTSTAMP:" + stamp);
    append_line(out, "DTSTART;VALUE=DATE:" + day);
    append_line(out, "DTEND;VALUE=DATE:" + compact_date(add_days(event.date, 1)));
    append_line(out, "SUMMARY:" + escape_ics_text(event.summary));
    if (!event.description.empty()) {
      std::string description;
      for (const std::string& line : event.description) {
        if (!description.empty()) description += '\n';
        description += line;
      }
      append_line(out, "DESCRIPTION:" + escape_ics_text(description));
    }
    // Aftercare milestones happen wherever the visitor is; only clinic visits get the address.
    if (event.at_clinic && !location.empty()) append_line(out, "LOCATION:" + location);
    append_line(out, std::string("TRANSP:") + (event.at_clinic ? "OPAQUE" : "TRANSPARENT"));
    append_line(out, "END:VEVENT");
  }
  append_line(out, "END:VCALENDAR");
  return out;
}

}  // namespace smp
