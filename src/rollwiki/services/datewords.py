"""MediaWiki 1.39's date words, date formats and duration messages for en and uk.

Copied verbatim from ``languages/i18n/{en,uk}.json`` and ``languages/messages/Messages{En,Uk}.php``
(clients match on these texts). Where uk.json has no entry, MediaWiki falls back to en; the
uk tables below already contain the fallback value, marked "(en)".
"""

from __future__ import annotations

LANGUAGES = ("en", "uk")

# "january" ... "december" (en's "May" is the key "may_long").
MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "uk": ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
           "серпень", "вересень", "жовтень", "листопад", "грудень"),
}  # fmt: skip

# "january-gen" ...: the genitive, used by the "xg" format code ("26 листопада 2026").
MONTH_NAMES_GENITIVE: dict[str, tuple[str, ...]] = {
    "en": MONTH_NAMES["en"],
    "uk": ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
           "вересня", "жовтня", "листопада", "грудня"),
}  # fmt: skip

# "jan" ... "dec".
MONTH_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "uk": ("січ", "лют", "бер", "кві", "трав", "чер", "лип", "сер", "вер", "жов", "лис", "груд"),
}

# "sunday" ... "saturday", Sunday first as PHP's "w".
WEEKDAY_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "uk": ("неділя", "понеділок", "вівторок", "середа", "четвер", "п'ятниця", "субота"),
}

# "sun" ... "sat".
WEEKDAY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "en": ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"),
    "uk": ("Нд", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб"),
}

_EN_DATE_FORMATS = {
    "mdy time": "H:i", "mdy date": "F j, Y", "mdy monthonly": "F Y",
    "mdy both": "H:i, F j, Y", "mdy pretty": "F j",
    "dmy time": "H:i", "dmy date": "j F Y", "dmy monthonly": "F Y",
    "dmy both": "H:i, j F Y", "dmy pretty": "j F",
    "ymd time": "H:i", "ymd date": "Y F j", "ymd monthonly": "Y F",
    "ymd both": "H:i, Y F j", "ymd pretty": "F j",
    "ISO 8601 time": "xnH:xni:xns", "ISO 8601 date": "xnY-xnm-xnd",
    "ISO 8601 monthonly": "xnY-xnm", "ISO 8601 both": 'xnY-xnm-xnd"T"xnH:xni:xns',
    "ISO 8601 pretty": "xnm-xnd",
}  # fmt: skip

# $dateFormats, keyed "<preference> <type>". The localisation cache merges uk over en, so
# uk keeps en's "pretty" formats ("j F", with the nominative month: "20 листопад").
DATE_FORMATS: dict[str, dict[str, str]] = {
    "en": _EN_DATE_FORMATS,
    "uk": {
        **_EN_DATE_FORMATS,
        "mdy time": "H:i", "mdy date": "xg j, Y", "mdy both": "H:i, xg j, Y",
        "dmy time": "H:i", "dmy date": "j xg Y", "dmy both": "H:i, j xg Y",
        "ymd time": "H:i", "ymd date": "Y xg j", "ymd both": "H:i, Y xg j",
    },
}  # fmt: skip

# $defaultDateFormat "dmy or mdy" with $wgAmericanDates = false.
DEFAULT_DATE_PREFERENCE = "dmy"

# Messages, with &#32; written as a space (what the rendered text contains).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "infiniteblock": "infinite",
        "and": " and",
        "word-separator": " ",
        "comma-separator": ", ",
        "duration-seconds": "$1 {{PLURAL:$1|second|seconds}}",
        "duration-minutes": "$1 {{PLURAL:$1|minute|minutes}}",
        "duration-hours": "$1 {{PLURAL:$1|hour|hours}}",
        "duration-days": "$1 {{PLURAL:$1|day|days}}",
        "duration-weeks": "$1 {{PLURAL:$1|week|weeks}}",
        "duration-years": "$1 {{PLURAL:$1|year|years}}",
        "duration-decades": "$1 {{PLURAL:$1|decade|decades}}",
        "duration-centuries": "$1 {{PLURAL:$1|century|centuries}}",
        "duration-millennia": "$1 {{PLURAL:$1|millennium|millennia}}",
        "just-now": "just now",
        "seconds-ago": "$1 {{PLURAL:$1|second|seconds}} ago",
        "minutes-ago": "$1 {{PLURAL:$1|minute|minutes}} ago",
        "hours-ago": "$1 {{PLURAL:$1|hour|hours}} ago",
        "today-at": "$1",
        "yesterday-at": "Yesterday at $1",
        "sunday-at": "Sunday at $1",
        "monday-at": "Monday at $1",
        "tuesday-at": "Tuesday at $1",
        "wednesday-at": "Wednesday at $1",
        "thursday-at": "Thursday at $1",
        "friday-at": "Friday at $1",
        "saturday-at": "Saturday at $1",
    },
    "uk": {
        "infiniteblock": "блокування на невизначений термін",
        "and": " та",
        "word-separator": " ",  # (en)
        "comma-separator": ", ",  # (en)
        "duration-seconds": "$1 {{PLURAL:$1|секунда|секунди|секунд}}",
        "duration-minutes": "$1 {{PLURAL:$1|хвилина|хвилини|хвилин}}",
        "duration-hours": "$1 {{PLURAL:$1|година|години|годин}}",
        "duration-days": "$1 {{PLURAL:$1|день|дні|днів}}",
        "duration-weeks": "$1 {{PLURAL:$1|тиждень|тижні|тижнів}}",
        "duration-years": "$1 {{PLURAL:$1|рік|роки|років}}",
        "duration-decades": "$1 {{PLURAL:$1|десятиліття|десятиліття|десятиліть}}",
        "duration-centuries": "$1 {{PLURAL:$1|століття|століття|століть}}",
        "duration-millennia": "$1 {{PLURAL:$1|тисячоліття|тисячоліття|тисячоліть}}",
        "just-now": "щойно",
        "seconds-ago": "$1 {{PLURAL:$1|секунду|секунди|секунд}} тому",
        "minutes-ago": "$1 {{PLURAL:$1|хвилину|хвилини|хвилин}} тому",
        "hours-ago": "$1 {{PLURAL:$1|годину|години|годин}} тому",
        "today-at": "$1",  # (en)
        "yesterday-at": "Учора о $1",
        "sunday-at": "У неділю о $1",
        "monday-at": "У понеділок о $1",
        "tuesday-at": "У вівторок о $1",
        "wednesday-at": "У середу о $1",
        "thursday-at": "У четвер о $1",
        "friday-at": "У п'ятницю о $1",
        "saturday-at": "У суботу о $1",
    },
}

# Language::DURATION_INTERVALS in seconds; a year is 365.2425 days.
DURATION_INTERVALS: dict[str, int] = {
    "millennia": 31556952000,
    "centuries": 3155695200,
    "decades": 315569520,
    "years": 31556952,
    "weeks": 604800,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}

# formatDuration()'s default: no weeks ("14 days", not "2 weeks").
DEFAULT_DURATION_INTERVALS = (
    "millennia", "centuries", "decades", "years", "days", "hours", "minutes", "seconds",
)  # fmt: skip
