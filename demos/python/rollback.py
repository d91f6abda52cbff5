#!/usr/bin/env python3
"""
    rollback.py

    The "Python" demo of MediaWiki's API:Rollback page, step by step, pointed at a wiki
    through the environment instead of test.wikipedia.org:

        WIKI_API=http://127.0.0.1:8080/w/api.php BOT_USER=Admin@demo \
        BOT_PASSWORD=... ROLLBACK_USER=Admin python3 rollback.py

    login token -> login with a bot password -> csrf token -> appendtext edit to
    Project:Sandbox -> rollback token -> rollback.  Prints every response as JSON lines.
"""

import json
import os

import requests

S = requests.Session()

URL = os.environ.get("WIKI_API", "http://127.0.0.1:8080/w/api.php")
BOT_USER = os.environ["BOT_USER"]
BOT_PASSWORD = os.environ["BOT_PASSWORD"]
ROLLBACK_USER = os.environ.get("ROLLBACK_USER", BOT_USER.split("@")[0])


def show(step, data):
    print(json.dumps({"step": step, "response": data}))


# Step 1: Retrieve a login token
PARAMS_1 = {
    "action": "query",
    "meta": "tokens",
    "type": "login",
    "format": "json"
}

R = S.get(url=URL, params=PARAMS_1)
DATA = R.json()
show("login token", DATA)

LOGIN_TOKEN = DATA['query']['tokens']['logintoken']

# Step 2: Send a post request to login. Use of main account for login is not
# supported. Obtain credentials via Special:BotPasswords for lgname & lgpassword
PARAMS_2 = {
    "action": "login",
    "lgname": BOT_USER,
    "lgpassword": BOT_PASSWORD,
    "lgtoken": LOGIN_TOKEN,
    "format": "json"
}

R = S.post(URL, data=PARAMS_2)
show("login", R.json())

# Step 3: While logged in, retrieve a CSRF token
PARAMS_3 = {
    "action": "query",
    "meta": "tokens",
    "format": "json"
}

R = S.get(url=URL, params=PARAMS_3)
DATA = R.json()
show("csrf token", DATA)

CSRF_TOKEN = DATA["query"]["tokens"]["csrftoken"]

# Step 4: POST request to edit a page
PARAMS_4 = {
    "action": "edit",
    "title": "Project:Sandbox",
    "token": CSRF_TOKEN,
    "format": "json",
    "appendtext": "Hello"
}

R = S.post(URL, data=PARAMS_4)
show("edit", R.json())

# Step 5: Retrieve a rollback token
PARAMS_5 = {
    "action": "query",
    "meta": "tokens",
    "type": "rollback",
    "format": "json"
}

R = S.get(url=URL, params=PARAMS_5)
DATA = R.json()
show("rollback token", DATA)

ROLLBACK_TOKEN = DATA['query']['tokens']['rollbacktoken']

# Step 6: POST request to rollback a page
PARAMS_6 = {
    "action": "rollback",
    "format": "json",
    "title": "Project:Sandbox",
    "user": ROLLBACK_USER,
    "token": ROLLBACK_TOKEN,
}

R = S.post(URL, data=PARAMS_6)
DATA = R.json()
show("rollback", DATA)
