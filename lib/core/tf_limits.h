/* tf_limits.h: every size limit on outside input, in one place. */
#ifndef TERMINFON_TF_LIMITS_H
#define TERMINFON_TF_LIMITS_H

#define TF_MAX_BODY          (64 * 1024)  /* request body; nginx caps it lower in front */
#define TF_MAX_PARAMS        256          /* form fields or query parameters */
#define TF_MAX_PARAM_NAME    128
#define TF_MAX_PARAM_VALUE   (16 * 1024)
#define TF_MAX_SPEECH        2048         /* SpeechResult bytes the agent looks at */
#define TF_MAX_URL           4096         /* rebuilt URL for signatures */
#define TF_MAX_HEADERS       64
#define TF_MAX_RESPONSE      (256 * 1024) /* a response body a handler may build */
#define TF_MAX_UPSTREAM_BODY (1024 * 1024)/* what we read back from Google or Twilio */
#define TF_MAX_REQUEST_ARENA (4 * 1024 * 1024)
#define TF_MAX_PHONE         32
#define TF_MAX_IDEMPOTENCY_TOKEN 128      /* I-Twilio-Idempotency-Token we keep */
#define TF_MAX_NAME          128

/* How long a worker waits on a FastCGI connection it has accepted: for the
 * next bytes of the request (nginx sends a request at once, so a client that
 * pauses longer is stalled or hostile and is dropped), and for the peer to
 * take the next bytes of the answer. */
#define TF_FCGI_READ_TIMEOUT_MS  1000
#define TF_FCGI_WRITE_TIMEOUT_MS 10000

#endif
