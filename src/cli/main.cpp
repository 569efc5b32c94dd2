// smp-consult: validate a clinic config, list the quiz questions, evaluate answers (SPEC §6),
// and (native relay) serve the widget and receive leads.
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "cli_io.hpp"
#include "smp/catalogue.hpp"
#include "smp/config_document.hpp"
#include "smp/consultation.hpp"
#include "smp/json_text.hpp"
#include "smp/messages.hpp"
#include "smp/preview.hpp"
#include "smp/questions.hpp"
#include "smp/stage_geometry.hpp"
#ifdef SMP_WITH_SERVER
#include "smp/server/commands.hpp"
#endif

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2;

constexpr const char* kHelp =
    R"(smp-consult — scalp micropigmentation consultation: screening, estimate and plan

Usage:
  smp-consult validate CONFIG
      Check a clinic config. Prints "ok", or every problem as "<json pointer>: <problem>".
  smp-consult questions [--config C] [--answers A] [--locale L] [--today YYYY-MM-DD]
      The quiz questions visible for the answers so far, as JSON.
  smp-consult evaluate [--config C] --answers A [--today YYYY-MM-DD] [--locale L] [--ics]
      The consultation result (verdict, reasons, estimate, plan) as JSON,
      or with --ics the plan as an iCalendar file.
  smp-consult messages [--locale L] [--widget [--later|--photos]] | messages --locales|--intro
      Every built-in text of a locale (message key -> text) as JSON: the keys a clinic
      may override under "copy". --widget: the widget's texts only, compact, as
      scripts/build-web writes the messages.L.json the widget loads; --later: only those
      the wasm leaves out (result, plan, lead form: messages.en.json). --locales: the
      supported locales and each one's ui.fallback.* texts (what the widget shows when
      the core itself cannot load), as scripts/build-web gives them to the widget.
      --intro: the supported locales, the default clinic name and each locale's
      ui.intro.*, ui.launcher.* and ui.fallback.* texts: what smp-consult.js paints
      before the core has loaded (scripts/build-web writes intro-catalogue.js from it).
  smp-consult preview [--config C] --answers A [--view top|front] [--style soft|defined]
                      [--state today|smp] [--locale L] | preview --stage-table
      An illustration of the answers' head as SVG (not a simulation of a result):
      today (the stage, the scars) or with SMP (the areas of the packages the core
      selects, stippled for the desired look). Defaults: top, smp, soft. --stage-table:
      the stage geometry table as JSON (scripts/build-web gives it to the stage picker).
  smp-consult defaults
      The default clinic config as a document with every key, and the names each
      choice key accepts, as JSON (what the setup studio, dist/setup/, starts from).
  smp-consult serve [--config C] [--listen 127.0.0.1:8080] [--data DIR]
      Serve the widget, the demo site and the lead API (POST /api/leads).
  smp-consult leads list [--quarantined] | export | release ID | retry ID  [--data DIR]
      Captured leads and their delivery state; export writes CSV; --quarantined lists
      suspected bots (kept, not emailed); release ID delivers a quarantined lead;
      retry ID resends a lead's dead letters (refused by the SMTP server or a webhook)
      and deliveries to a webhook disabled by 410 Gone (enabling it again).
  smp-consult leads backup --to FILE [--data DIR]
      A consistent copy of the leads database while the server runs (one SQLite file).
  smp-consult leads restore --from FILE [--data DIR] [--force]
      Makes a backup the leads database of DIR (empty or new; --force replaces the
      database of a used DIR); the next serve delivers what the copy had not delivered.
  smp-consult leads export|erase --lead ID | --email ADDR  [--data DIR]
      A visitor's data rights: export prints everything stored about them as JSON;
      erase removes it, keeping an anonymous row (id, dates, verdict, delivery states).
  smp-consult webhooks test --config C
      Send a signed sample lead to each webhook of lead.webhooks; print each answer.

Files: CONFIG/C/A are JSON files; "-" reads standard input. Without --config the
default clinic of DOMAIN.md is used. --today defaults to today in the clinic's time
zone and overrides the answers' own "as_of". Locales: en, es.

Exit codes: 0 ok, 1 invalid input (diagnostics on stderr), 2 usage.
)";

struct Options {
  std::vector<std::string> positional;
  std::string config, answers, locale, today;
  std::string view, style, state;  ///< preview options ("" = not given)
  bool stage_table = false;
  bool ics = false;
  bool widget = false;
  bool later = false;
  bool photos = false;
  bool locales = false;
  bool intro = false;
  bool help = false;
};

// Parses --flag value pairs; returns false (after printing why) on a usage error.
bool parse_options(const std::vector<std::string>& args, Options& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto value = [&](std::string& slot) {
      if (i + 1 >= args.size()) {
        std::cerr << "smp-consult: " << arg << " needs a value\n";
        return false;
      }
      slot = args[++i];
      return true;
    };
    if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--ics") {
      out.ics = true;
    } else if (arg == "--widget") {
      out.widget = true;
    } else if (arg == "--later") {
      out.later = true;
    } else if (arg == "--photos") {
      out.photos = true;
    } else if (arg == "--locales") {
      out.locales = true;
    } else if (arg == "--stage-table") {
      out.stage_table = true;
    } else if (arg == "--view") {
      if (!value(out.view)) return false;
    } else if (arg == "--style") {
      if (!value(out.style)) return false;
    } else if (arg == "--state") {
      if (!value(out.state)) return false;
    } else if (arg == "--intro") {
      out.intro = true;
    } else if (arg == "--config") {
      if (!value(out.config)) return false;
    } else if (arg == "--answers") {
      if (!value(out.answers)) return false;
    } else if (arg == "--locale") {
      if (!value(out.locale)) return false;
    } else if (arg == "--today") {
      if (!value(out.today)) return false;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      std::cerr << "smp-consult: unknown option " << arg << "\n";
      return false;
    } else {
      out.positional.push_back(arg);
    }
  }
  return true;
}

int validate_command(const Options& options) {
  if (options.positional.size() != 1) {
    std::cerr << "usage: smp-consult validate CONFIG\n";
    return kUsage;
  }
  if (!smp::cli::load_config(options.positional[0])) return kInvalid;
  std::cout << "ok\n";
  return kOk;
}

// --today, else the clinic's today; false after printing why when --today is malformed.
bool resolve_today(const Options& options, const smp::Config& config, smp::Date& today) {
  if (options.today.empty()) {
    today = smp::cli::today_in(config.clinic.timezone);
    return true;
  }
  auto parsed = smp::parse_date(options.today);
  if (!parsed) {
    std::cerr << "smp-consult: --today must be a date YYYY-MM-DD in " << smp::kFirstYear << "-"
              << smp::kLastYear << " (got \"" << options.today << "\")\n";
    return false;
  }
  today = *parsed;
  return true;
}

int questions_command(const Options& options) {
  if (!options.positional.empty()) {
    std::cerr << "usage: smp-consult questions [--config C] [--answers A] [--locale L]\n";
    return kUsage;
  }
  auto config = smp::cli::load_config(options.config);
  if (!config) return kInvalid;
  smp::Date today;
  if (!resolve_today(options, *config, today)) return kUsage;
  nlohmann::json answers = nlohmann::json::object();
  if (!options.answers.empty()) {
    auto read = smp::cli::read_json(options.answers);
    if (!read) return kInvalid;
    answers = std::move(*read);
  }
  const auto locale = smp::resolve_locale(*config, options.locale);
  std::cout << smp::dump_json(smp::questions_json(answers, *config, locale, today), 2) << "\n";
  return kOk;
}

int evaluate_command(const Options& options) {
  if (options.answers.empty() || !options.positional.empty()) {
    std::cerr << "usage: smp-consult evaluate [--config C] --answers A [--today YYYY-MM-DD] "
                 "[--locale L] [--ics]\n";
    return kUsage;
  }
  auto config = smp::cli::load_config(options.config);
  if (!config) return kInvalid;
  smp::Date today;
  if (!resolve_today(options, *config, today)) return kUsage;
  auto answers = smp::cli::read_json(options.answers);
  if (!answers) return kInvalid;
  const bool override_as_of = !options.today.empty();
  auto result = smp::evaluate_json(*answers, *config, today, override_as_of, options.locale);
  if (!result.ok()) {
    for (const auto& d : result.errors) std::cerr << smp::format_diagnostic(d) << "\n";
    return kInvalid;
  }
  if (!options.ics) {
    std::cout << smp::dump_json(*result.value, 2) << "\n";
    return kOk;
  }
  // The result above validated the answers and fixed the consultation date.
  const smp::Date as_of = *smp::parse_date((*result.value)["as_of"].get<std::string>());
  // The core reads no clock: this file's DTSTAMP is now, and a random plan id keeps its UIDs
  // apart from any other visitor's plan in the same calendar.
  smp::IcsStamp stamp;
  stamp.created_unix_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  std::random_device random;
  stamp.plan_id = std::to_string(random()) + "-" + std::to_string(random());
  const auto ics = smp::evaluate_ics(*answers, *config, as_of, options.locale, stamp);
  if (ics.empty()) {
    std::cerr << "smp-consult: the plan has no dated events yet (verdict "
              << (*result.value)["verdict"].get<std::string>() << ")\n";
    return kInvalid;
  }
  std::cout << ics;
  return kOk;
}

// {"locales": [...], "fallback": {locale: {key: text}}}: what the widget must know before (or
// without) the core, so it holds no locale list or fallback text of its own.
int locales_command() {
  nlohmann::json out{{"locales", nlohmann::json::array()}, {"fallback", nlohmann::json::object()}};
  for (std::string_view locale : smp::supported_locales()) {
    out["locales"].push_back(std::string(locale));
    nlohmann::json texts = nlohmann::json::object();
    for (const smp::MessageEntry& entry : smp::ui_messages(locale)) {
      if (entry.key.starts_with("ui.fallback."))
        texts[std::string(entry.key)] = std::string(entry.text);
    }
    out["fallback"][std::string(locale)] = std::move(texts);
  }
  std::cout << smp::dump_json(out) << "\n";
  return kOk;
}

// The texts the widget's first module paints the intro with, resolved the way the core's
// `messages` binding layers them (English under each locale), before any clinic `copy`.
int intro_command() {
  const smp::Config defaults = smp::default_config();
  nlohmann::json out{{"locales", nlohmann::json::array()},
                     {"default_locale", defaults.default_locale},
                     {"default_clinic_name", defaults.clinic.name},
                     {"texts", nlohmann::json::object()}};
  for (std::string_view locale : smp::supported_locales()) {
    out["locales"].push_back(std::string(locale));
    const smp::Messages messages(defaults, locale);
    nlohmann::json texts = nlohmann::json::object();
    for (std::string_view prefix : {"ui.intro.", "ui.launcher.", "ui.fallback."}) {
      for (auto& [key, text] : messages.with_prefix(prefix)) texts[key] = text;
    }
    out["texts"][std::string(locale)] = std::move(texts);
  }
  std::cout << smp::dump_json(out) << "\n";
  return kOk;
}

int messages_command(const Options& options) {
  if (options.intro) {
    if (!options.positional.empty() || options.widget || options.later || options.photos ||
        options.locales || !options.locale.empty()) {
      std::cerr << "usage: smp-consult messages --intro\n";
      return kUsage;
    }
    return intro_command();
  }
  if (options.locales) {
    if (!options.positional.empty() || options.widget || options.later || options.photos ||
        !options.locale.empty()) {
      std::cerr << "usage: smp-consult messages --locales\n";
      return kUsage;
    }
    return locales_command();
  }
  const std::string locale = options.locale.empty() ? "en" : options.locale;
  if (!options.positional.empty() || !smp::has_built_in_catalogue(locale) ||
      ((options.later || options.photos) && !options.widget) || (options.later && options.photos)) {
    std::cerr << "usage: smp-consult messages [--locale L] [--widget [--later|--photos]] | "
                 "messages --locales|--intro\n";
    return kUsage;
  }
  if (options.widget) {
    const auto scope = options.later    ? smp::CatalogueScope::kWidgetLater
                       : options.photos ? smp::CatalogueScope::kWidgetPhotos
                                        : smp::CatalogueScope::kWidget;
    std::cout << smp::dump_json(smp::catalogue_json(locale, scope)) << "\n";
  } else {
    std::cout << smp::dump_json(smp::catalogue_json(locale), 2) << "\n";
  }
  return kOk;
}

// The SVG alone on stdout (what a page or a print inlines), or the problems as `evaluate` prints
// them; --stage-table prints the geometry the stage picker draws from.
int preview_command(const Options& options) {
  constexpr const char* kUsageText =
      "usage: smp-consult preview [--config C] --answers A [--view top|front] "
      "[--style soft|defined] [--state today|smp] [--locale L] | preview --stage-table\n";
  if (options.stage_table) {
    if (!options.positional.empty() || !options.answers.empty() || !options.config.empty() ||
        !options.view.empty() || !options.style.empty() || !options.state.empty()) {
      std::cerr << kUsageText;
      return kUsage;
    }
    std::cout << smp::dump_json(smp::stage_table_json()) << "\n";
    return kOk;
  }
  if (options.answers.empty() || !options.positional.empty() || !options.today.empty()) {
    std::cerr << kUsageText;
    return kUsage;
  }
  auto config = smp::cli::load_config(options.config);
  if (!config) return kInvalid;
  auto answers = smp::cli::read_json(options.answers);
  if (!answers) return kInvalid;
  nlohmann::json preview_options = nlohmann::json::object();
  if (!options.view.empty()) preview_options["view"] = options.view;
  if (!options.style.empty()) preview_options["style"] = options.style;
  if (!options.state.empty()) preview_options["state"] = options.state;
  const nlohmann::json result =
      smp::preview_json(*answers, preview_options, *config, options.locale);
  if (!result["ok"].get<bool>()) {
    for (const auto& e : result["errors"]) {
      std::cerr << smp::format_diagnostic({e["pointer"].get<std::string>(),
                                           e["code"].get<std::string>(),
                                           e["message"].get<std::string>()})
                << "\n";
    }
    return kInvalid;
  }
  std::cout << result["svg"].get<std::string>() << "\n";
  return kOk;
}

// {"format", "config": every key of the default clinic, "choices": {pointer: [names]}}.
int defaults_command(const Options& options) {
  if (!options.positional.empty()) {
    std::cerr << "usage: smp-consult defaults\n";
    return kUsage;
  }
  const nlohmann::json out{{"format", "smp-consult/config-defaults@1"},
                           {"config", smp::config_document_json(smp::default_config())},
                           {"choices", smp::config_choices_json()}};
  std::cout << smp::dump_json(out, 2) << "\n";
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kHelp;
    return args.empty() ? kUsage : kOk;
  }
  if (args[0] == "--version") {
    std::cout << "smp-consult 0.1.0\n";
    return kOk;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
#ifdef SMP_WITH_SERVER
  if (command == "serve") return smp::server::serve_command(rest);
  if (command == "leads") return smp::server::leads_command(rest);
  if (command == "webhooks") return smp::server::webhooks_command(rest);
#endif
  Options options;
  if (!parse_options(rest, options)) return kUsage;
  if (options.help) {
    std::cout << kHelp;
    return kOk;
  }
  if (command == "validate") return validate_command(options);
  if (command == "questions") return questions_command(options);
  if (command == "evaluate") return evaluate_command(options);
  if (command == "messages") return messages_command(options);
  if (command == "defaults") return defaults_command(options);
  if (command == "preview") return preview_command(options);
  std::cerr << "smp-consult: unknown command \"" << command << "\" (see smp-consult --help)\n";
  return kUsage;
}
