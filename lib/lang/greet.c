/* greet.c: the welcome text, in polite German. */
#include "greet.h"
#include "err.h"

#include <stdio.h>

int greet_welcome(char *out, size_t n, const char *studio_name, const char *caller_name, int local_hour,
                  bool open_now)
{
	const char *hello = local_hour < 11 ? "Guten Morgen" : local_hour < 18 ? "Guten Tag" : "Guten Abend";
	int w;
	if (caller_name && *caller_name)
		w = snprintf(n ? out : NULL, n,
		             "%s, %s! Schön, dass Sie wieder anrufen. Hier ist %s. %s"
		             "Wie kann ich Ihnen helfen? Möchten Sie einen Termin vereinbaren, verschieben oder absagen?",
		             hello, caller_name, studio_name,
		             open_now ? "" : "Unser Studio ist gerade geschlossen, aber ich helfe Ihnen gern weiter. ");
	else
		w = snprintf(n ? out : NULL, n,
		             "%s und herzlich willkommen bei %s. Ich bin die digitale Assistenz und vereinbare gern "
		             "einen Termin für Sie. %sWie kann ich Ihnen helfen? "
		             "Wenn Sie lieber zurückgerufen werden möchten, drücken Sie die 1.",
		             hello, studio_name,
		             open_now ? "" : "Unser Studio ist gerade geschlossen, aber ich kann trotzdem gern etwas für Sie eintragen. ");
	return (w < 0 || (size_t)w >= n) ? TF_ELIMIT : TF_OK;
}
