/* recording.c: recording status callbacks, stored against the call; repeated
 * callbacks update the one row of the recording. A recording of a call whose
 * caller refused is marked for deletion at Twilio at once. */
#include "handlers.h"
#include "err.h"
#include "log.h"
#include "num.h"
#include "twiml.h"

/* Duration and channels past this are not believed: -1, as when absent. */
#define RECORDING_MAX 1000000

int recording_callback(struct app *app, struct http_request *req, struct http_response *res)
{
	const struct form *f = &req->form;
	struct store_recording r = {
		.call_sid = form_get(f, "CallSid"),
		.recording_sid = form_get(f, "RecordingSid"),
		.url = form_get(f, "RecordingUrl"),
		.status = form_get(f, "RecordingStatus"),
		.source = form_get(f, "RecordingSource"),
		.error_code = form_get(f, "ErrorCode"),
		.duration = num_int_or(form_get(f, "RecordingDuration"), 0, RECORDING_MAX, -1),
		.channels = num_int_or(form_get(f, "RecordingChannels"), 0, RECORDING_MAX, -1),
	};
	int err = store_recording_upsert(app->store, &r);
	if (err && err != TF_EINVAL)
		return err;
	int marked = 0;
	if (err == TF_OK && (err = store_consent_enforce(app->store, r.call_sid, &marked)) != TF_OK)
		return err;
	if (marked)
		log_info("recording of a refused call marked for deletion", "recording", r.recording_sid);
	return http_twiml(req, res, twiml_new());
}
