;;; lsp-inline-test.el --- lsp-mode 10 shows and accepts codestral-lsp's inline suggestion  -*- lexical-binding: t; -*-

;; Run by protocol-tests' EmacsEditorTest (or by hand, see editors/emacs/README.md):
;;
;;   CODESTRAL_ELISP=/tmp/codestral-editors/elisp/root/usr/share/emacs/site-lisp/elpa-src \
;;   CODESTRAL_LSP_JAR=... CODESTRAL_ENDPOINT=<fake> CODESTRAL_API_KEY=... \
;;   CODESTRAL_TEST_FILE=/tmp/x/main.py CODESTRAL_TEST_LINE=2 \
;;   emacs --batch -L editors/emacs -l editors/emacs/test/lsp-inline-test.el
;;
;; Puts every package under CODESTRAL_ELISP (sid's lsp-mode 10 and its dependencies) on
;; `load-path', registers codestral-lsp through `codestral-lsp-mode-setup', opens the file,
;; waits for the workspace to be initialized, puts point at the end of line
;; CODESTRAL_TEST_LINE, runs `lsp-inline-completion-display' (the overlay must show the
;; suggestion), `lsp-inline-completion-accept', saves and exits 0; any error exits 1.

;;; Code:

(let ((root (getenv "CODESTRAL_ELISP")))
  (dolist (dir (directory-files root t "^[^.]"))
    (when (file-directory-p dir)
      (add-to-list 'load-path dir)))
  (dolist (dir (directory-files root t "^[^.]"))
    (dolist (autoloads (directory-files dir t "-autoloads\\.el\\'"))
      (load autoloads nil t))))

(setq lsp-auto-guess-root nil
      lsp-enable-snippet nil
      lsp-keep-workspace-alive nil
      lsp-session-file (expand-file-name "lsp-session" (getenv "CODESTRAL_TEST_DIR"))
      lsp-log-io nil
      lsp-restart 'ignore
      lsp-warn-no-matched-clients nil)
(require 'lsp-mode)
(require 'lsp-inline-completion)
(require 'codestral)

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

(defun codestral-test--workspace ()
  (seq-find (lambda (w) (eq (lsp--client-server-id (lsp--workspace-client w)) 'codestral))
            (lsp-workspaces)))

(condition-case err
    (progn
      (setq codestral-settings '((maxTokens . 64)))
      (codestral-lsp-mode-setup)
      (find-file (getenv "CODESTRAL_TEST_FILE"))
      ;; The file's folder is the project: no prompt for a root in batch.
      (lsp-workspace-folders-add (file-name-directory (getenv "CODESTRAL_TEST_FILE")))
      (message "lsp-mode %s, emacs %s, mode %s" (lsp-version) emacs-version major-mode)
      (lsp)
      (codestral-test--wait "the codestral workspace to be initialized" 30
                            (lambda () (let ((w (codestral-test--workspace)))
                                         (and w (eq (lsp--workspace-status w) 'initialized)))))
      (unless (bound-and-true-p lsp-inline-completion-mode)
        (codestral-test--fail "codestral-lsp-mode-setup did not turn on lsp-inline-completion-mode"))
      (goto-char (point-min))
      (forward-line (1- (string-to-number (getenv "CODESTRAL_TEST_LINE"))))
      (end-of-line)
      (message "inline completion at %S" (buffer-substring (line-beginning-position) (point)))
      (lsp-inline-completion-display)
      (unless (and lsp-inline-completion--overlay (overlay-buffer lsp-inline-completion--overlay))
        (codestral-test--fail "no suggestion overlay"))
      (message "overlay after-string: %S"
               (substring-no-properties (or (overlay-get lsp-inline-completion--overlay 'after-string) "")))
      (lsp-inline-completion-accept)
      (message "line after accept: %S" (buffer-substring (line-beginning-position) (line-end-position)))
      (save-buffer)
      (kill-emacs 0))
  (error (codestral-test--fail "%S" err)))
