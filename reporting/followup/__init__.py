"""After sending: the person follows their report with its reference and private code, reads
the officer's messages, replies, and adds information (issue 13). Views in ``views``, forms
in ``forms``, the report's status in plain words in ``progress``, and the one-time showing of
the code on the confirmation page in ``code_once``."""
