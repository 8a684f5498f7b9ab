/* The admin's pages: users (add, disable, enable) and the audit log (view,
 * export as CSV). Every change and export is audited. */
#include "serve/serve_int.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outputs/html.h"
#include "outputs/render.h"
#include "store/audit.h"

int page_admin_users(struct request *rq)
{
	struct account *list = NULL;
	int n = 0;
	struct cf_error err;
	cf_error_clear(&err);
	if (account_list(rq->srv->st, &list, &n, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The users could not be read.");
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>Users</h2><table class=\"data\"><thead><tr><th scope=\"col\">name</th>"
			 "<th scope=\"col\">role</th><th scope=\"col\">localities</th><th scope=\"col\">state</th>"
			 "<th scope=\"col\">changed</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct account *a = &list[i];
		strbuf_adds(&sb, "<tr><td>");
		html_text(&sb, a->name);
		strbuf_adds(&sb, "</td><td>");
		html_text(&sb, a->role);
		strbuf_adds(&sb, "</td><td>");
		for (int k = 0; k < a->nlocalities; k++) {
			if (k)
				strbuf_adds(&sb, ", ");
			html_text(&sb, a->localities[k]);
		}
		strbuf_addf(&sb, "</td><td>%s</td><td>", a->disabled ? "disabled" : "active");
		html_text(&sb, a->changed_at);
		strbuf_addf(&sb, "</td><td><form method=\"post\" action=\"/admin/users\" class=\"inline\">"
				 "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"action\" value=\"%s\">"
				 "<input type=\"hidden\" name=\"name\" value=\"",
			    rq->sess.csrf, a->disabled ? "enable" : "disable");
		html_text(&sb, a->name);
		strbuf_addf(&sb, "\"><button type=\"submit\">%s</button></form></td></tr>", a->disabled ? "Enable" : "Disable");
	}
	free(list);
	strbuf_addf(&sb, "</tbody></table></section><section class=\"panel\"><h2>Add a user</h2>"
			 "<form class=\"login\" method=\"post\" action=\"/admin/users\">"
			 "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"action\" value=\"add\">"
			 "<label for=\"name\">User name</label><input id=\"name\" name=\"name\" required>"
			 "<label for=\"role\">Role</label><select id=\"role\" name=\"role\"><option>viewer</option><option>manager</option>"
			 "<option>locality</option><option>analyst</option><option>admin</option></select>"
			 "<label for=\"localities\">Localities (locality role; separated by commas)</label>"
			 "<input id=\"localities\" name=\"localities\">"
			 "<label for=\"password\">Password (10 characters or more)</label>"
			 "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" required>"
			 "<button type=\"submit\">Add</button></form></section>",
		    rq->sess.csrf);
	int ret = reply_page(rq, 200, "Users", &sb);
	strbuf_release(&sb);
	return ret;
}

/* Split "a, b,c" into a->localities. 0, or -1 when there are too many or one is too long. */
static int split_localities(const char *s, struct account *a)
{
	while (*s) {
		while (*s == ' ' || *s == ',')
			s++;
		size_t len = strcspn(s, ",");
		while (len && s[len - 1] == ' ')
			len--;
		if (!len)
			break;
		if (a->nlocalities == ACCOUNT_MAX_LOCALITIES || len >= ACCOUNT_NAME_MAX)
			return -1;
		snprintf(a->localities[a->nlocalities++], ACCOUNT_NAME_MAX, "%.*s", (int)len, s);
		s += len;
		while (*s && *s != ',')
			s++;
	}
	return 0;
}

int page_admin_users_post(struct request *rq)
{
	char action[16], name[ACCOUNT_NAME_MAX + 1], detail[512];
	struct cf_error err;
	cf_error_clear(&err);
	if (req_form(rq, "action", action, sizeof action) || req_form(rq, "name", name, sizeof name) ||
	    !serve_user_name_valid(name))
		return reply_message(rq, 400, "Bad request", "A user name is 1 to 63 letters, digits or . _ @ -");
	int rc;
	if (strcmp(action, "add") == 0) {
		struct account a = { 0 };
		char localities[1100], password[512];
		snprintf(a.name, sizeof a.name, "%s", name);
		req_form(rq, "role", a.role, sizeof a.role);
		req_form(rq, "localities", localities, sizeof localities);
		req_form(rq, "password", password, sizeof password);
		if (!serve_role_valid(a.role) || split_localities(localities, &a) ||
		    (strcmp(a.role, "locality") == 0) != (a.nlocalities > 0) || strlen(password) < 10) {
			sodium_memzero(password, sizeof password);
			return reply_message(rq, 400, "Bad request",
					     "Give a role (admin, analyst, manager, locality or viewer), localities for the locality "
					     "role only, and a password of 10 characters or more.");
		}
		rc = serve_password_hash(password, a.pwhash, &err);
		sodium_memzero(password, sizeof password);
		if (!rc)
			rc = account_add(rq->srv->st, &a, &err);
		snprintf(detail, sizeof detail, "user %s, role %s, %d localities", a.name, a.role, a.nlocalities);
		if (!rc)
			audit(rq, "user_add", "/admin/users", detail, 303);
	} else if (strcmp(action, "disable") == 0 || strcmp(action, "enable") == 0) {
		int off = action[0] == 'd';
		if (off && strcmp(name, rq->acct.name) == 0)
			return reply_message(rq, 400, "Bad request", "You cannot disable yourself.");
		rc = account_set_disabled(rq->srv->st, name, off, &err);
		snprintf(detail, sizeof detail, "user %s", name);
		if (!rc)
			audit(rq, off ? "user_disable" : "user_enable", "/admin/users", detail, 303);
	} else {
		return reply_message(rq, 400, "Bad request", "action must be add, disable or enable");
	}
	auth_forget_sessions(rq->srv);   /* a user disabled: their sessions ended in the store */
	if (rc == CF_EINPUT)
		return reply_message(rq, 400, "Bad request", err.msg);
	if (rc) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The change could not be saved.");
	}
	return reply_redirect(rq, "/admin/users");
}

int page_admin_audit(struct request *rq)
{
	struct cf_table *t = NULL;
	struct cf_error err;
	cf_error_clear(&err);
	if (audit_table(rq->srv->st, 500, &t, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The audit log could not be read.");
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "<section class=\"panel\"><h2>Audit log</h2><p class=\"note\">The newest 500 entries. "
			 "<a href=\"/admin/audit.csv\">Export every entry as CSV</a> (the export is itself audited).</p>"
			 "<div class=\"tbl\">");
	html_table(&sb, t, "Audit log, newest first", "");
	strbuf_adds(&sb, "</div></section>");
	cf_table_free(t);
	int ret = reply_page(rq, 200, "Audit log", &sb);
	strbuf_release(&sb);
	return ret;
}

int page_admin_audit_csv(struct request *rq)
{
	struct cf_table *t = NULL;
	struct cf_error err;
	cf_error_clear(&err);
	if (audit_table(rq->srv->st, 0, &t, &err)) {
		cf_error_print(&err);
		return reply_message(rq, 500, "Server error", "The audit log could not be read.");
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (fp) {
		render_table_csv(t, fp);
		fclose(fp);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "audit log, %zu rows", t->nrows);
	cf_table_free(t);
	if (!fp)
		return reply_message(rq, 500, "Server error", "Out of memory.");
	audit(rq, "export", "/admin/audit.csv", detail, 200);
	rq->download = "caseflow-audit.csv";
	int ret = reply(rq, 200, "text/csv; charset=utf-8", buf, len);
	free(buf);
	return ret;
}
