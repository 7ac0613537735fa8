/* sms_sender.c: the senders of SMS (per studio, else TWILIO_PHONE_NUMBER,
 * never a voice number), their start-up check, and the German words for a
 * stored SMS failure. */
#include "sms_sender.h"
#include "config.h"
#include "err.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMS_ALPHA_MAX 11

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

enum sms_sender_kind sms_sender_kind(const char *s)
{
	if (s == NULL || *s == '\0')
		return SMS_SENDER_NONE;
	size_t n = strlen(s);
	if (s[0] == '+') {
		if (n < 8 || n > 16 || s[1] == '0')
			return SMS_SENDER_MALFORMED;
		for (size_t i = 1; i < n; i++)
			if (!is_digit(s[i]))
				return SMS_SENDER_MALFORMED;
		return SMS_SENDER_NUMBER;
	}
	if (n > 2 && s[0] == 'M' && s[1] == 'G') {
		bool hex = true;
		for (size_t i = 2; i < n && hex; i++)
			hex = is_hex(s[i]);
		/* "MG" and hex digits of the wrong length is a mistyped service, not a name. */
		if (hex)
			return n == 34 ? SMS_SENDER_SERVICE : SMS_SENDER_MALFORMED;
	}
	if (n > SMS_ALPHA_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return SMS_SENDER_MALFORMED;
	bool letter = false;
	for (size_t i = 0; i < n; i++) {
		if (is_letter(s[i]))
			letter = true;
		else if (!is_digit(s[i]) && s[i] != ' ')
			return SMS_SENDER_MALFORMED;
	}
	return letter ? SMS_SENDER_ALPHA : SMS_SENDER_MALFORMED;
}

const char *sms_sender_kind_name(enum sms_sender_kind k)
{
	switch (k) {
	case SMS_SENDER_NONE: return "none";
	case SMS_SENDER_NUMBER: return "number";
	case SMS_SENDER_SERVICE: return "messaging service";
	case SMS_SENDER_ALPHA: return "alphanumeric sender ID";
	case SMS_SENDER_MALFORMED: return "malformed";
	}
	return "malformed";
}

const char *sms_sender_for(const struct store_studio *studio, const char *default_sender)
{
	if (studio && studio->sms_sender && *studio->sms_sender)
		return studio->sms_sender;
	return default_sender && *default_sender ? default_sender : NULL;
}

int sms_sender_check(const struct store_studios *all, const char *default_sender, int sms_configured,
                     char *errbuf, size_t errlen, void (*warn)(const char *line, void *ctx), void *ctx, int *nwarn)
{
	if (nwarn)
		*nwarn = 0;
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *st = &all->list[i];
		if (sms_sender_kind(st->sms_sender) == SMS_SENDER_MALFORMED) {
			snprintf(errbuf, errlen,
			         "configuration: studio %s: sms_sender must be a number in E.164 form (+4915112345678), "
			         "a Messaging Service (MG and 32 hex digits) or an alphanumeric sender ID "
			         "(1 to 11 letters, digits and spaces, at least one letter)",
			         st->slug);
			return TF_ECONFIG;
		}
	}
	if (!sms_configured)
		return TF_OK;
	for (size_t i = 0; i < all->n; i++) {
		const struct store_studio *st = &all->list[i];
		if (sms_sender_for(st, default_sender) != NULL)
			continue;
		if (nwarn)
			(*nwarn)++;
		if (warn == NULL)
			continue;
		char line[320];
		snprintf(line, sizeof(line),
		         "studio %s has no SMS sender: its confirmations and reminders will not be sent; set "
		         "TWILIO_PHONE_NUMBER to a number that can send SMS, or the studio's sms_sender "
		         "(its voice number %s is never used for SMS)",
		         st->slug, *st->twilio_number ? st->twilio_number : "(none)");
		warn(line, ctx);
	}
	return TF_OK;
}

int sms_sender_check_store(struct store *s, const struct config *cfg, char *errbuf, size_t errlen,
                           void (*warn)(const char *line, void *ctx), void *ctx, int *nwarn)
{
	if (nwarn)
		*nwarn = 0;
	const struct store_studios *all;
	int err = store_studios(s, &all);
	if (err) {
		snprintf(errbuf, errlen, "cannot read the studios to check their SMS senders: %s", tf_strerror(err));
		return err;
	}
	return sms_sender_check(all, cfg->twilio_phone_number, cfg->twilio_account_sid && *cfg->twilio_account_sid,
	                        errbuf, errlen, warn, ctx, nwarn);
}

struct sms_code_reason {
	int code;
	const char *text;
};

/* Twilio's error codes of the Messages API and of delivery reports that an
 * operator can act on. */
static const struct sms_code_reason sms_reasons[] = {
	{ 20003, "Twilio hat die Zugangsdaten abgelehnt (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN prüfen)." },
	{ 21211, "Die Empfängernummer ist ungültig." },
	{ 21212, "Der Absender ist ungültig." },
	{ 21408, "SMS in dieses Land sind im Twilio-Konto nicht freigeschaltet." },
	{ 21603, "Die SMS hatte keinen Absender." },
	{ 21606, "Der Absender kann keine SMS senden (SMS-Absender des Studios oder TWILIO_PHONE_NUMBER prüfen)." },
	{ 21608, "Mit einem Testkonto gehen SMS nur an bestätigte Nummern." },
	{ 21610, "Der Empfänger hat SMS abbestellt (STOP)." },
	{ 21612, "Der Empfänger ist mit diesem Absender nicht erreichbar." },
	{ 21614, "Die Empfängernummer ist keine Mobilnummer." },
	{ 21617, "Der Text der SMS ist zu lang." },
	{ 21701, "Den Messaging Service gibt es in diesem Twilio-Konto nicht." },
	{ 21705, "Der Messaging Service ist ungültig." },
	{ 30003, "Das Telefon des Empfängers war nicht erreichbar." },
	{ 30004, "Der Empfänger hat SMS von diesem Absender gesperrt." },
	{ 30005, "Die Empfängernummer ist unbekannt." },
	{ 30006, "Die Empfängernummer ist ein Festnetzanschluss oder nicht erreichbar." },
	{ 30007, "Der Mobilfunkanbieter hat die SMS gefiltert." },
	{ 30008, "Unbekannter Fehler beim Mobilfunkanbieter." },
};

/* The Twilio error code in "http 400, code 21606" or a bare "30007"; 0 if none. */
static long sms_error_code(const char *e)
{
	const char *p = strstr(e, "code ");
	p = p ? p + 5 : e;
	char *end;
	if (!is_digit(*p))
		return 0;
	long code = strtol(p, &end, 10);
	return (*end == '\0' || *end == ',' || *end == ' ') && code > 0 && code < 1000000 ? code : 0;
}

const char *sms_failure_reason(const char *last_error, char *out, size_t n)
{
	const char *e = last_error ? last_error : "";
	if (strcmp(e, SMS_NO_SENDER) == 0) {
		snprintf(out, n, "Kein SMS-Absender eingerichtet (TWILIO_PHONE_NUMBER oder SMS-Absender des Studios).");
		return out;
	}
	if (strncmp(e, "no answer from Twilio", 21) == 0) {
		snprintf(out, n, "Twilio war nicht erreichbar.");
		return out;
	}
	if (strcmp(e, "appointment no longer booked") == 0) {
		/* Rows of older versions; cancelled ones are no failures now. */
		snprintf(out, n, "Nicht gesendet: der Termin war nicht mehr gebucht.");
		return out;
	}
	if (strcmp(e, "unreadable") == 0) {
		snprintf(out, n, "Die SMS ist mit einem nicht mehr vorhandenen Schlüssel verschlüsselt.");
		return out;
	}
	long code = sms_error_code(e);
	for (size_t i = 0; code && i < sizeof(sms_reasons) / sizeof(sms_reasons[0]); i++) {
		if (sms_reasons[i].code == code) {
			snprintf(out, n, "%s", sms_reasons[i].text);
			return out;
		}
	}
	if (code)
		snprintf(out, n, "Twilio-Fehler %ld.", code);
	else if (*e)
		snprintf(out, n, "Nicht zugestellt.");
	else
		snprintf(out, n, "Nicht zugestellt (ohne Angabe eines Grundes).");
	return out;
}
