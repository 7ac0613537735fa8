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
#define TF_MAX_NAME          128

#endif
