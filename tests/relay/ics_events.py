#!/usr/bin/python3
"""Parses an iCalendar file with Debian's python3-icalendar (stdin -> JSON on stdout):
every VEVENT's UID, DTSTAMP (ISO 8601, UTC), DTSTART and SUMMARY."""
import json
import sys

from icalendar import Calendar


def main():
    calendar = Calendar.from_ical(sys.stdin.read())
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": str(event.get("UID")),
            "dtstamp": event.decoded("DTSTAMP").isoformat(),
            "dtstart": event.decoded("DTSTART").isoformat(),
            "summary": str(event.get("SUMMARY")),
        })
    json.dump(events, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
