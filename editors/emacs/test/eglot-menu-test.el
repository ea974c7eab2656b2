;;; eglot-menu-test.el --- Eglot completes through the menu from codestral-lsp  -*- lexical-binding: t; -*-

;; Run by protocol-tests' EmacsEditorTest (or by hand, see editors/emacs/README.md):
;;
;;   CODESTRAL_LSP_JAR=... CODESTRAL_ENDPOINT=<fake> CODESTRAL_API_KEY=... \
;;   CODESTRAL_TEST_FILE=/tmp/x/main.py CODESTRAL_TEST_LINE=2 \
;;   emacs --batch -L editors/emacs -l editors/emacs/test/eglot-menu-test.el
;;
;; Opens the file, connects Eglot through `codestral-eglot-setup' (in batch `eglot-ensure'
;; never fires, so this calls `eglot' the way M-x eglot does), puts point at the end of line
;; CODESTRAL_TEST_LINE, runs `completion-at-point' (the sole candidate is inserted and Eglot
;; applies its textEdit), saves and exits 0; any error exits 1 with a message.

;;; Code:

(package-initialize)
(require 'codestral)
(require 'eglot)

(defun codestral-test--fail (fmt &rest args)
  (message "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun codestral-test--wait (what seconds predicate)
  (let ((deadline (+ (float-time) seconds)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (codestral-test--fail "timed out waiting for %s" what))
      (accept-process-output nil 0.05))
    (message "ok: %s" what)))

(condition-case err
    (progn
      (setq codestral-settings '((maxTokens . 64)))
      (codestral-eglot-setup '(python-mode))
      (find-file (getenv "CODESTRAL_TEST_FILE"))
      (message "eglot %s, emacs %s, mode %s" (or (and (fboundp 'package-get-version) (package-get-version)) "?")
               emacs-version major-mode)
      (apply #'eglot (append (eglot--guess-contact) nil))
      (codestral-test--wait "eglot to connect" 30 (lambda () (eglot-current-server)))
      (goto-char (point-min))
      (forward-line (1- (string-to-number (getenv "CODESTRAL_TEST_LINE"))))
      (end-of-line)
      (message "completing at %S" (buffer-substring (line-beginning-position) (point)))
      (let ((capf (eglot-completion-at-point)))
        (unless capf (codestral-test--fail "eglot-completion-at-point gave nothing"))
        (let ((candidates (all-completions (buffer-substring (nth 0 capf) (nth 1 capf)) (nth 2 capf))))
          (message "menu: %S" (mapcar #'substring-no-properties candidates))
          (unless candidates (codestral-test--fail "the menu is empty"))))
      (completion-at-point)
      (message "line after completion: %S" (buffer-substring (line-beginning-position) (line-end-position)))
      (save-buffer)
      (message "status: %S" codestral-status)
      ;; Chat through the same server: an answer, or the explanation that it has none yet.
      (let ((chat (codestral-chat "explain total")))
        (codestral-test--wait "the chat to finish" 30
                              (lambda () (zerop (hash-table-count codestral--chats))))
        (message "chat buffer: %S" (with-current-buffer chat (buffer-substring-no-properties (point-min) (point-max)))))
      (kill-emacs 0))
  (error (codestral-test--fail "%S" err)))
