// The plan as an .ics file: RFC 5545 structure, CRLF, 75-octet folding that never splits a
// UTF-8 character, deterministic UIDs and stamps. The consultation is built by hand so these
// tests depend on the calendar writer only, not on the planner.
#include "smp/ics.hpp"

#include <map>
#include <set>
#include <vector>

#include "smp/messages.hpp"
#include "test_support.hpp"

namespace {

namespace t = smp::test;

smp::CareItem care(int session, int day, smp::Date session_date, std::string code) {
  smp::CareItem item;
  item.session = session;
  item.day = day;
  item.date = t::plus_days(session_date, day);
  item.code = std::move(code);
  return item;
}

// Three planned sessions two weeks apart, one extra "if needed", patch test, pre- and aftercare.
smp::Consultation sample_consultation() {
  smp::Consultation consultation;
  consultation.as_of = t::date("2025-06-01");
  smp::Plan plan;
  plan.status = smp::PlanStatus::kScheduled;
  const std::vector<std::string> session_dates{"2025-06-16", "2025-06-30", "2025-07-14",
                                               "2025-07-28"};
  for (int number = 1; number <= 4; ++number) {
    smp::PlannedSession session;
    session.number = number;
    session.date = t::date(session_dates[number - 1]);
    session.hours = {40, 50};
    session.full_day = true;
    session.if_needed = number == 4;
    plan.sessions.push_back(session);
    plan.precare.push_back(care(number, -7, *session.date, "avoid_sun_chemicals"));
    plan.precare.push_back(care(number, -3, *session.date, "avoid_alcohol_caffeine_thinners"));
    plan.precare.push_back(care(number, 0, *session.date, "day_of_session"));
    for (const auto& [code, day] :
         std::vector<std::pair<std::string, int>>{{"shaving", 4},
                                                  {"washing_shampoo", 5},
                                                  {"creams_moisturiser", 5},
                                                  {"hot_showers", 14},
                                                  {"direct_sun", 28}}) {
      // As the planner gives it: after the planned sessions, each restarted by the next one.
      if (session.if_needed) continue;
      plan.aftercare.push_back(care(number, day, *session.date, code));
      if (number < 3 && day >= 14) plan.aftercare.back().restarted_by = number + 1;
    }
  }
  plan.patch_test_by = t::date("2025-06-09");
  plan.unrestricted_from = t::date("2025-08-11");
  plan.touch_up_reminder = t::date("2029-07-14");
  consultation.plan = plan;
  return consultation;
}

// A clinic whose name and Spanish copy force folds inside multi-byte characters.
smp::Config spanish_clinic() {
  smp::Config config;
  config.clinic.name =
      "Clínica Capilar Señor Núñez & Asociados — Micropigmentación Española, Sevilla (Triana)";
  config.clinic.address = "Calle de la Pureza, 12; 41010 Sevilla, España";
  config.copy["es"] = {
      {"ics.calendar_name", "{clinic}: plan de micropigmentación capilar con acentos áéíóú ñ"},
      {"ics.session", "Sesión {number} de micropigmentación"},
      {"ics.session_if_needed", "Sesión extra (solo si hace falta)"},
      {"ics.patch_test", "Prueba de alergia al pigmento"},
      {"ics.unrestricted", "Fin de las restricciones"},
      {"ics.touch_up", "Retoque"},
      {"ics.hours", "Duración: {min}–{max} horas"},
      {"precare.avoid_sun_chemicals", "Desde {days} días antes: evita el sol; nada de químicos"},
  };
  return config;
}

std::vector<std::string> physical_lines(const std::string& ics) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    if (end == std::string::npos) {
      lines.push_back(ics.substr(start));  // no CRLF at the end: caught by the caller
      break;
    }
    lines.push_back(ics.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

// RFC 5545 3.1: a CRLF followed by one space is removed.
std::vector<std::string> unfolded_lines(const std::string& ics) {
  std::string joined;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    joined += ics[i];
  }
  return physical_lines(joined);
}

bool is_valid_utf8(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::vector<std::string> values_of(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& line : lines) {
    if (line.rfind(name + ":", 0) == 0) values.push_back(line.substr(name.size() + 1));
  }
  return values;
}

}  // namespace

TEST_CASE("plan_to_ics writes a well-formed RFC 5545 calendar", "[ics]") {
  const smp::Config config = spanish_clinic();
  const smp::Messages messages(config, "es");
  const smp::Consultation consultation = sample_consultation();
  const std::string ics = smp::plan_to_ics(consultation, config, messages);
  REQUIRE_FALSE(ics.empty());

  SECTION("every physical line ends with CRLF and has at most 75 octets") {
    REQUIRE(ics.size() >= 2);
    CHECK(ics.substr(ics.size() - 2) == "\r\n");
    for (const auto& line : physical_lines(ics)) {
      INFO(line);
      CHECK(line.size() <= 75);
      CHECK(line.find('\r') == std::string::npos);
      CHECK(line.find('\n') == std::string::npos);
      // Folding never cuts a character in half: each physical line is valid UTF-8 by itself.
      CHECK(is_valid_utf8(line));
    }
  }

  SECTION("the long Spanish texts really were folded") {
    const auto physical = physical_lines(ics);
    CHECK(std::count_if(physical.begin(), physical.end(), [](const std::string& line) {
            return !line.empty() && line[0] == ' ';
          }) > 3);
  }

  SECTION("BEGIN and END pair up like brackets") {
    std::vector<std::string> stack;
    const auto lines = unfolded_lines(ics);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines.back() == "END:VCALENDAR");
    for (const auto& line : lines) {
      if (line.rfind("BEGIN:", 0) == 0) {
        stack.push_back(line.substr(6));
      } else if (line.rfind("END:", 0) == 0) {
        REQUIRE_FALSE(stack.empty());
        CHECK(stack.back() == line.substr(4));
        stack.pop_back();
      }
    }
    CHECK(stack.empty());
  }

  SECTION("calendar properties") {
    const auto lines = unfolded_lines(ics);
    CHECK(values_of(lines, "VERSION") == std::vector<std::string>{"2.0"});
    CHECK(values_of(lines, "PRODID") == std::vector<std::string>{"-//smp-consult//plan//EN"});
    CHECK(values_of(lines, "CALSCALE") == std::vector<std::string>{"GREGORIAN"});
    CHECK(values_of(lines, "METHOD") == std::vector<std::string>{"PUBLISH"});
  }

  SECTION("unfolding restores the content exactly") {
    const auto lines = unfolded_lines(ics);
    const std::string calendar_name =
        messages.text("ics.calendar_name", {{"clinic", config.clinic.name}});
    CHECK(values_of(lines, "X-WR-CALNAME") ==
          std::vector<std::string>{smp::escape_ics_text(calendar_name)});
    // Only clinic visits (patch test and four sessions) carry the address.
    const auto locations = values_of(lines, "LOCATION");
    CHECK(locations.size() == 5);
    for (const auto& location : locations) {
      CHECK(location == "Calle de la Pureza\\, 12\\; 41010 Sevilla\\, España");
    }
    const auto summaries = values_of(lines, "SUMMARY");
    CHECK(std::count(summaries.begin(), summaries.end(), "Sesión 2 de micropigmentación") == 1);
    CHECK(std::count(summaries.begin(), summaries.end(), "Sesión extra (solo si hace falta)") == 1);
  }

  SECTION("one all-day event per session, patch test, milestone day and reminder") {
    const auto lines = unfolded_lines(ics);
    const auto starts = values_of(lines, "DTSTART;VALUE=DATE");
    const auto ends = values_of(lines, "DTEND;VALUE=DATE");
    // Patch test, 4 sessions, aftercare after sessions 1 and 2 on +4 and +5 (+14 and +28 are
    // restarted by the next session) and after session 3 on +4, +5, +14, +28 (+28 is also
    // unrestricted-from, a separate event), unrestricted, touch-up.
    const std::multiset<std::string> expected_starts{"20250609", "20250616", "20250630", "20250714",
                                                     "20250728", "20250620", "20250621", "20250704",
                                                     "20250705", "20250718", "20250719", "20250728",
                                                     "20250811", "20250811", "20290714"};
    CHECK(std::multiset<std::string>(starts.begin(), starts.end()) == expected_starts);
    REQUIRE(starts.size() == ends.size());
    for (std::size_t i = 0; i < starts.size(); ++i) {
      INFO(starts[i]);
      const smp::Date start = t::date(starts[i].substr(0, 4) + "-" + starts[i].substr(4, 2) + "-" +
                                      starts[i].substr(6, 2));
      const std::string next = t::str(t::plus_days(start, 1));
      CHECK(ends[i] == next.substr(0, 4) + next.substr(5, 2) + next.substr(8, 2));
    }
    // Sorted by date, so a calendar app's import preview reads in order.
    CHECK(std::is_sorted(starts.begin(), starts.end()));
  }

  SECTION("month end: the event ends on the first of the next month") {
    const auto lines = unfolded_lines(ics);
    const auto starts = values_of(lines, "DTSTART;VALUE=DATE");
    const auto ends = values_of(lines, "DTEND;VALUE=DATE");
    const auto at = std::find(starts.begin(), starts.end(), "20250630");
    REQUIRE(at != starts.end());
    CHECK(ends[static_cast<std::size_t>(at - starts.begin())] == "20250701");
  }

  SECTION("DTSTAMP is the consultation date, not the clock") {
    for (const auto& stamp : values_of(unfolded_lines(ics), "DTSTAMP")) {
      CHECK(stamp == "20250601T000000Z");
    }
  }

  SECTION("session descriptions list pre-care with dates, hours and the full day") {
    const auto descriptions = values_of(unfolded_lines(ics), "DESCRIPTION");
    const auto has = [&](const std::string& fragment) {
      return std::any_of(descriptions.begin(), descriptions.end(), [&](const std::string& d) {
        return d.find(fragment) != std::string::npos;
      });
    };
    CHECK(has("2025-06-09: Desde 7 días antes: evita el sol\\; nada de químicos"));
    CHECK(has("2025-06-23: Desde 7 días antes"));
    CHECK(has("Duración: 4–5 horas"));
    CHECK(has("\\n"));
  }

  SECTION("regression: aftercare milestones follow every planned session") {
    const auto lines = unfolded_lines(ics);
    const auto uids = values_of(lines, "UID");
    const auto aftercare = std::count_if(uids.begin(), uids.end(), [](const std::string& uid) {
      return uid.rfind("aftercare-", 0) == 0;
    });
    // Sessions 1 and 2: +4, +5 (washing and creams together); session 3: +4, +5, +14, +28.
    CHECK(aftercare == 8);
    const auto summaries = values_of(lines, "SUMMARY");
    CHECK(std::count_if(summaries.begin(), summaries.end(), [](const std::string& summary) {
            return summary.rfind("Cuidados tras la sesión 1 de SMP: ", 0) == 0;
          }) == 2);
  }

  SECTION("UIDs are unique and identical across calls") {
    const auto uids = values_of(unfolded_lines(ics), "UID");
    CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == uids.size());
    for (const auto& uid : uids) {
      CHECK(uid.size() > std::string("@smp-consult").size());
      CHECK(uid.substr(uid.size() - 12) == "@smp-consult");
    }
    CHECK(smp::plan_to_ics(consultation, config, messages) == ics);
  }

  SECTION("UIDs change with the consultation date") {
    smp::Consultation later = consultation;
    later.as_of = t::date("2025-06-02");
    const auto before = values_of(unfolded_lines(ics), "UID");
    const auto after = values_of(unfolded_lines(smp::plan_to_ics(later, config, messages)), "UID");
    REQUIRE(before.size() == after.size());
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(before[i] != after[i]);
  }
}

TEST_CASE("plan_to_ics gives nothing when there is nothing to put in a calendar", "[ics]") {
  const smp::Config config;
  const smp::Messages messages(config, "en");
  smp::Consultation consultation;
  consultation.as_of = t::date("2025-06-01");

  SECTION("no plan") {
    CHECK(smp::plan_to_ics(consultation, config, messages).empty());
  }

  SECTION("a plan pending clearance has sessions without dates") {
    smp::Plan plan;
    plan.status = smp::PlanStatus::kPendingClearance;
    for (int number = 1; number <= 3; ++number) {
      smp::PlannedSession session;
      session.number = number;
      session.hours = {20, 30};
      plan.sessions.push_back(session);
      smp::CareItem item;
      item.session = number;
      item.day = -7;
      item.code = "avoid_sun_chemicals";
      plan.precare.push_back(item);
    }
    consultation.plan = plan;
    CHECK(smp::plan_to_ics(consultation, config, messages).empty());
  }

  SECTION("half hours use the locale's decimal separator") {
    consultation = sample_consultation();
    for (auto& session : consultation.plan->sessions) session.hours = {25, 35};
    const smp::Messages spanish(config, "es");
    const auto descriptions =
        values_of(unfolded_lines(smp::plan_to_ics(consultation, config, spanish)), "DESCRIPTION");
    REQUIRE_FALSE(descriptions.empty());
    // TEXT escaping turns the decimal comma into \,
    CHECK(descriptions.front().find("2\\,5") != std::string::npos);
    CHECK(descriptions.front().find("3\\,5") != std::string::npos);
  }

  SECTION("the English default copy still gives a valid file") {
    consultation = sample_consultation();
    const std::string ics = smp::plan_to_ics(consultation, config, messages);
    REQUIRE_FALSE(ics.empty());
    for (const auto& line : physical_lines(ics)) CHECK(line.size() <= 75);
    CHECK(values_of(unfolded_lines(ics), "LOCATION").empty());  // no address configured
  }
}

TEST_CASE("fold_ics_line folds at 75 octets without splitting characters", "[ics][fold]") {
  SECTION("a short line only gains CRLF") {
    CHECK(smp::fold_ics_line("VERSION:2.0") == "VERSION:2.0\r\n");
  }
  SECTION("an empty line is one empty physical line") {
    CHECK(smp::fold_ics_line("") == "\r\n");
  }
  SECTION("exactly 75 octets stay on one line") {
    const std::string line(75, 'a');
    CHECK(smp::fold_ics_line(line) == line + "\r\n");
  }
  SECTION("76 octets: 75, then a space and the last one") {
    const std::string line(76, 'a');
    CHECK(smp::fold_ics_line(line) == std::string(75, 'a') + "\r\n a\r\n");
  }
  SECTION("continuation lines count their leading space") {
    const std::string line(75 + 74 + 1, 'b');
    CHECK(smp::fold_ics_line(line) ==
          std::string(75, 'b') + "\r\n " + std::string(74, 'b') + "\r\n b\r\n");
  }
  SECTION("a two-byte character across the boundary moves whole to the next line") {
    const std::string line = std::string(74, 'a') + "ñ" + "z";  // ñ is octets 75 and 76
    CHECK(smp::fold_ics_line(line) == std::string(74, 'a') + "\r\n ñz\r\n");
  }
  SECTION("a four-byte character across the boundary") {
    const std::string line = std::string(73, 'a') + "\xF0\x9F\x98\x80" + "z";
    CHECK(smp::fold_ics_line(line) == std::string(73, 'a') + "\r\n \xF0\x9F\x98\x80z\r\n");
  }
  SECTION("a long run of accented letters") {
    std::string line = "SUMMARY:";
    for (int i = 0; i < 100; ++i) line += "é";
    const std::string folded = smp::fold_ics_line(line);
    for (const auto& physical : physical_lines(folded)) {
      CHECK(physical.size() <= 75);
      CHECK(is_valid_utf8(physical));
    }
    CHECK(unfolded_lines(folded) == std::vector<std::string>{line});
  }
  SECTION("regression: invalid UTF-8 still terminates and respects the limit") {
    const std::string line(200, '\x80');
    const std::string folded = smp::fold_ics_line(line);
    for (const auto& physical : physical_lines(folded)) CHECK(physical.size() <= 75);
    CHECK(unfolded_lines(folded) == std::vector<std::string>{line});
  }
}

TEST_CASE("escape_ics_text escapes TEXT values", "[ics][escape]") {
  using Row = std::pair<std::string, std::string>;
  const auto [input, expected] = GENERATE(values<Row>({
      {"plain", "plain"},
      {"a,b", "a\\,b"},
      {"a;b", "a\\;b"},
      {"back\\slash", "back\\\\slash"},
      {"line\nbreak", "line\\nbreak"},
      {"crlf\r\nbreak", "crlf\\nbreak"},
      {"bell\x07gone", "bellgone"},
      {"del\x7Fgone", "delgone"},
      {"tab\there", "tab here"},
      {"Sesión, 1; ñ", "Sesión\\, 1\\; ñ"},
  }));
  CHECK(smp::escape_ics_text(input) == expected);
}

TEST_CASE("the real planner's plan becomes a well-formed calendar", "[ics][integration]") {
  // V02 (scenarios.md): Norwood VII, three full-day sessions from 2025-06-08.
  const smp::Config config = smp::default_config();
  const std::string locale = GENERATE("en", "es");
  const smp::Messages messages(config, locale);
  const smp::Consultation consultation = t::consult(
      t::with(t::base_answers(), {{"pattern", {{"scale", "norwood"}, {"stage", "VII"}}}}), config);
  REQUIRE(consultation.plan.has_value());
  const std::string ics = smp::plan_to_ics(consultation, config, messages);
  REQUIRE_FALSE(ics.empty());
  for (const auto& line : physical_lines(ics)) {
    CHECK(line.size() <= 75);
    CHECK(is_valid_utf8(line));
  }
  const auto lines = unfolded_lines(ics);
  const auto starts = values_of(lines, "DTSTART;VALUE=DATE");
  for (const char* day : {"20250608", "20250622", "20250706"}) {
    CHECK(std::count(starts.begin(), starts.end(), day) == 1);
  }
  const auto uids = values_of(lines, "UID");
  CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == uids.size());
  CHECK(values_of(lines, "BEGIN").size() == values_of(lines, "END").size());
}

TEST_CASE("each plan's calendar has its own UIDs and the creation time as DTSTAMP",
          "[ics][stamp]") {
  const smp::Config config = spanish_clinic();
  const smp::Messages messages(config, "es");
  const smp::Consultation consultation = sample_consultation();
  // 2025-06-01T14:05:09Z, as the relay passes a lead's receipt time.
  const smp::IcsStamp first{1748786709, "L-FIRSTVISITOR"};
  const smp::IcsStamp second{1748786709, "L-SECONDVISIT"};
  const auto uids_of = [&](const smp::IcsStamp& stamp) {
    return values_of(unfolded_lines(smp::plan_to_ics(consultation, config, messages, stamp)),
                     "UID");
  };

  SECTION("regression: two visitors of one clinic on one day shared every UID") {
    const auto a = uids_of(first);
    const auto b = uids_of(second);
    REQUIRE(a.size() == b.size());
    REQUIRE_FALSE(a.empty());
    for (const auto& uid : a) CHECK(std::find(b.begin(), b.end(), uid) == b.end());
  }
  SECTION("the same plan keeps its UIDs, so a re-import updates its events") {
    CHECK(uids_of(first) == uids_of(smp::IcsStamp{1748790000, "L-FIRSTVISITOR"}));
  }
  SECTION("regression: DTSTAMP was a fixed midnight") {
    const std::string ics = smp::plan_to_ics(consultation, config, messages, first);
    for (const auto& stamp : values_of(unfolded_lines(ics), "DTSTAMP")) {
      CHECK(stamp == "20250601T140509Z");
    }
  }
}
