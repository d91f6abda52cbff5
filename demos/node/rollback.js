/*
    rollback.js

    The "JavaScript" (Node.js) demo of MediaWiki's API:Rollback page (MediaWiki API Demos,
    MIT license), step by step, pointed at a wiki through the environment instead of
    dev.wiki.local.wmftest.net:

        WIKI_API=http://127.0.0.1:8080/w/api.php BOT_USER=Admin@demo \
        BOT_PASSWORD=... ROLLBACK_USER=Admin node rollback.js

    login token -> login with a bot password -> csrf token -> appendtext edit to
    Project:Sandbox -> rollback token -> rollback, with the page's `request` package and its
    cookie jar.  The csrf-token and edit steps are the ones the page describes before its
    code ("Submitting any POST request is a multi-step process") and its Python demo
    performs.  Prints every response as JSON lines.
*/

var request = require('request').defaults({jar: true}),
    url = process.env.WIKI_API || "http://127.0.0.1:8080/w/api.php",
    botUser = process.env.BOT_USER,
    botPassword = process.env.BOT_PASSWORD,
    rollbackUser = process.env.ROLLBACK_USER || botUser.split("@")[0];

function show(step, body) {
    console.log(JSON.stringify({ step: step, response: JSON.parse(body) }));
}

function fail(error) {
    console.error(error);
    process.exit(1);
}

// Step 1: GET request to fetch login token
function getLoginToken() {
    var params_0 = {
        action: "query",
        meta: "tokens",
        type: "login",
        format: "json"
    };

    request.get({ url: url, qs: params_0 }, function (error, res, body) {
        if (error) {
            return fail(error);
        }
        show("login token", body);
        var data = JSON.parse(body);
        loginRequest(data.query.tokens.logintoken);
    });
}

// Step 2: POST request to log in.
// Use of main account for login is not
// supported. Obtain credentials via Special:BotPasswords
// (https://www.mediawiki.org/wiki/Special:BotPasswords) for lgname & lgpassword
function loginRequest(login_token) {
    var params_1 = {
        action: "login",
        lgname: botUser,
        lgpassword: botPassword,
        lgtoken: login_token,
        format: "json"
    };

    request.post({ url: url, form: params_1 }, function (error, res, body) {
        if (error) {
            return fail(error);
        }
        show("login", body);
        getCsrfToken();
    });
}

// Step 3: GET request to fetch CSRF token
function getCsrfToken() {
    var params_2 = {
        action: "query",
        meta: "tokens",
        format: "json"
    };

    request.get({ url: url, qs: params_2 }, function(error, res, body) {
        if (error) {
            return fail(error);
        }
        show("csrf token", body);
        var data = JSON.parse(body);
        editRequest(data.query.tokens.csrftoken);
    });
}

// Step 4: POST request to edit a page
function editRequest(csrf_token) {
    var params_3 = {
        action: "edit",
        title: "Project:Sandbox",
        appendtext: "Hello",
        token: csrf_token,
        format: "json"
    };

    request.post({ url: url, form: params_3 }, function (error, res, body) {
        if (error) {
            return fail(error);
        }
        show("edit", body);
        getRollbackToken();
    });
}

// Step 5: GET request to fetch Rollback token
function getRollbackToken() {
    var params_4 = {
        action: "query",
        meta: "tokens",
        type: "rollback",
        format: "json"
    };

    request.get({ url: url, qs: params_4 }, function(error, res, body) {
        if (error) {
            return fail(error);
        }
        show("rollback token", body);
        var data = JSON.parse(body);
        rollback(data.query.tokens.rollbacktoken);
    });
}

// Step 6: POST request to rollback a page
function rollback(rollback_token) {
    var params_5 = {
        action: "rollback",
        title: "Project:Sandbox",
        user: rollbackUser,
        token: rollback_token,
        format: "json"
    };

    request.post({ url: url, form: params_5 }, function (error, res, body) {
        if (error) {
            return fail(error);
        }
        show("rollback", body);
    });
}

// Start From Step 1
getLoginToken();
