;;; codestral.el --- codestral-lsp for Eglot and lsp-mode  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1"))
;; Version: 0.1.0
;; Keywords: tools, convenience

;;; Commentary:

;; Starts codestral-lsp (Codestral fill-in-the-middle completion and chat over LSP) from
;; Eglot or from lsp-mode.
;;
;; Eglot (built into Emacs 29; `elpa-eglot' on 28): the suggestion comes through the
;; completion menu (`completion-at-point').  Eglot runs one server per buffer, so this
;; replaces the language's own server in the modes you give it.
;;
;;   (require 'codestral)
;;   (setq codestral-jar "/path/to/codestral-lsp.jar")
;;   (codestral-eglot-setup '(python-mode js-mode))   ; then M-x eglot
;;
;; lsp-mode >= 10: an add-on server next to the language's own, with ghost text
;; (`lsp-inline-completion-mode': M-x lsp-inline-completion-display, C-<return> accepts).
;;
;;   (require 'codestral)
;;   (setq codestral-jar "/path/to/codestral-lsp.jar")
;;   (codestral-lsp-mode-setup)                       ; then M-x lsp
;;
;; M-x codestral-chat asks `codestral/chat' and streams the answer into *codestral-chat*.
;; The key comes from the environment (CODESTRAL_API_KEY), never from this file.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defgroup codestral nil
  "Codestral completion and chat through codestral-lsp."
  :group 'tools
  :prefix "codestral-")

(defcustom codestral-launcher nil
  "The launcher script (server/target/codestral-lsp), used when executable."
  :type '(choice (const nil) file))

(defcustom codestral-jar (getenv "CODESTRAL_LSP_JAR")
  "The codestral-lsp jar, started as `java -jar JAR' when there is no launcher."
  :type '(choice (const nil) file))

(defcustom codestral-java nil
  "The java executable; nil means $JAVA_HOME/bin/java, else java on PATH."
  :type '(choice (const nil) file))

(defcustom codestral-settings nil
  "The server's `codestral' settings section, as an alist: ((model . \"codestral-latest\") ...).
See the settings table in the project's README."
  :type '(alist :key-type symbol :value-type sexp))

(defvar codestral-status nil
  "The last `codestral/status' the server sent, as (STATE . MESSAGE), or nil.")

(defcustom codestral-notify-states '("unauthorized" "offline" "rate-limited")
  "The `codestral/status' states that are also shown in the echo area."
  :type '(repeat string))

(defun codestral-command ()
  "The command line that starts codestral-lsp, as a list; signals `user-error' if none."
  (cond
   ((and codestral-launcher (file-executable-p codestral-launcher)) (list codestral-launcher))
   ;; An installed server (the distribution on PATH, or mason's bin folder) before a jar.
   ((executable-find "codestral-lsp") (list "codestral-lsp"))
   ((file-executable-p (expand-file-name "~/.local/share/nvim/mason/bin/codestral-lsp"))
    (list (expand-file-name "~/.local/share/nvim/mason/bin/codestral-lsp")))
   ((and codestral-jar (not (string-empty-p codestral-jar)))
    (let ((java (or codestral-java
                    (let ((home (getenv "JAVA_HOME")))
                      (and home (not (string-empty-p home)) (expand-file-name "bin/java" home)))
                    (executable-find "java"))))
      (unless (and java (file-executable-p java))
        (user-error "codestral: cannot find Java 17+; set JAVA_HOME or `codestral-java'"))
      (list java "-jar" (expand-file-name codestral-jar))))
   (t (user-error "codestral: set `codestral-jar' (or $CODESTRAL_LSP_JAR) to codestral-lsp.jar"))))

(defun codestral--settings-plist ()
  "`codestral-settings' as a JSON plist for Eglot."
  (let (plist)
    (dolist (pair codestral-settings)
      (setq plist (plist-put plist (intern (format ":%s" (car pair))) (cdr pair))))
    (or plist (make-hash-table :test #'equal))))

(defun codestral--settings-table ()
  "`codestral-settings' as a hash table, the `codestral' section for lsp-mode."
  (let ((section (make-hash-table :test #'equal))
        (root (make-hash-table :test #'equal)))
    (dolist (pair codestral-settings)
      (puthash (symbol-name (car pair)) (cdr pair) section))
    (puthash "codestral" section root)
    root))

(defun codestral--get (object key)
  "KEY (a string) of a JSON OBJECT, which is a plist or a hash table."
  (cond ((hash-table-p object) (gethash key object))
        ((listp object) (plist-get object (intern (concat ":" key))))))

(defun codestral-mode-line ()
  "A short text for the mode line: (:eval (codestral-mode-line))."
  (cond ((null codestral-status) "")
        ((equal (car codestral-status) "ready") " Codestral")
        (t (format " Codestral:%s" (car codestral-status)))))

(defun codestral--on-status (state message)
  "Keep the server's STATE and MESSAGE, and tell the user of trouble."
  (setq codestral-status (cons state message))
  (when (member state codestral-notify-states)
    (message "Codestral: %s" message))
  (force-mode-line-update t))

;;;; Chat

(defvar codestral--chats (make-hash-table :test #'equal)
  "partialResultToken -> (BUFFER . STREAMED-P) of the chats in flight.")
(defvar codestral--chat-counter 0)

(defun codestral--chat-append (buffer text)
  (when (buffer-live-p buffer)
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (save-excursion (goto-char (point-max)) (insert text))))))

(defun codestral--on-progress (token value)
  "Append VALUE's delta to the chat of TOKEN; nil when TOKEN is no chat of ours."
  (when-let ((chat (gethash token codestral--chats)))
    (let ((delta (codestral--get value "delta")))
      (when (stringp delta)
        (setcdr chat t)
        (codestral--chat-append (car chat) delta)))
    t))

(defun codestral--chat-done (token result error-message)
  (let ((chat (gethash token codestral--chats)))
    (remhash token codestral--chats)
    (when chat
      (cond
       (error-message
        (codestral--chat-append (car chat) (format "\n(chat failed: %s)\n" error-message))
        (message "Codestral chat: %s" error-message))
       (t
        (let ((content (codestral--get result "content")))
          (when (and (stringp content) (not (cdr chat)))
            (codestral--chat-append (car chat) content)))
        (codestral--chat-append (car chat) "\n"))))))

(defun codestral--chat-params (prompt token)
  "The `codestral/chat' params (a plist) for PROMPT, with the region when active."
  (let ((content prompt) doc range)
    (when (and (use-region-p) buffer-file-name)
      (let ((beg (region-beginning)) (end (region-end)))
        (setq content (format "%s\n\n```\n%s\n```" prompt (buffer-substring-no-properties beg end)))
        (setq doc (list :uri (concat "file://" (expand-file-name buffer-file-name))))
        (setq range (list :start (codestral--position beg) :end (codestral--position end)))))
    (append (list :messages (vector (list :role "user" :content content))
                  :partialResultToken token)
            (and doc (list :textDocument doc :range range)))))

(defun codestral--position (point)
  "POINT as an LSP position (UTF-16 columns are close enough for a selection)."
  (save-excursion
    (goto-char point)
    (list :line (1- (line-number-at-pos point)) :character (- point (line-beginning-position)))))

(defun codestral--plist-to-table (value)
  "VALUE, a JSON plist/vector tree, with every plist turned into a hash table (for lsp-mode)."
  (cond
   ((and (consp value) (keywordp (car value)))
    (let ((table (make-hash-table :test #'equal)))
      (cl-loop for (k v) on value by #'cddr
               do (puthash (substring (symbol-name k) 1) (codestral--plist-to-table v) table))
      table))
   ((vectorp value) (apply #'vector (mapcar #'codestral--plist-to-table value)))
   (t value)))

(defun codestral-chat (prompt)
  "Ask Codestral PROMPT through `codestral/chat'; the answer streams into *codestral-chat*.
With an active region, the selected text goes with the question."
  (interactive (list (read-string "Codestral: ")))
  (setq codestral--chat-counter (1+ codestral--chat-counter))
  (let* ((token (format "codestral-chat-%d" codestral--chat-counter))
         (params (codestral--chat-params prompt token))
         (buffer (get-buffer-create "*codestral-chat*")))
    (with-current-buffer buffer
      (let ((inhibit-read-only t))
        (goto-char (point-max))
        (insert (format "## You\n\n%s\n\n## Codestral\n\n" prompt))))
    (puthash token (cons buffer nil) codestral--chats)
    (cond
     ((and (fboundp 'eglot-current-server) (eglot-current-server))
      (jsonrpc-async-request
       (eglot-current-server) :codestral/chat params
       :success-fn (lambda (result) (codestral--chat-done token result nil))
       :error-fn (lambda (err) (codestral--chat-done token nil (codestral--error-text err)))
       :timeout-fn (lambda () (codestral--chat-done token nil "timed out"))
       :timeout 120))
     ((and (bound-and-true-p lsp-mode) (fboundp 'lsp-request-async))
      (lsp-request-async
       "codestral/chat" (codestral--plist-to-table params)
       (lambda (result) (codestral--chat-done token result nil))
       :error-handler (lambda (err) (codestral--chat-done token nil (codestral--error-text err)))
       :mode 'detached))
     (t (codestral--chat-done token nil "no codestral-lsp server manages this buffer")))
    (display-buffer buffer)
    buffer))

(defun codestral--error-text (err)
  "A sentence for a JSON-RPC error ERR (plist or hash table)."
  (let ((code (codestral--get err "code")) (text (codestral--get err "message")))
    (if (equal code -32601) "this server has no codestral/chat yet" (format "%s" (or text err)))))

;;;; Eglot

(declare-function eglot-current-server "eglot")
(declare-function jsonrpc-async-request "jsonrpc")
(defvar eglot-server-programs)

;;;###autoload
(defun codestral-eglot-setup (modes)
  "Make Eglot start codestral-lsp for the major MODES (a list)."
  (require 'eglot)
  (add-to-list 'eglot-server-programs
               (cons modes (lambda (&rest _)
                             (append (codestral-command)
                                     (list :initializationOptions
                                           (list :codestral (codestral--settings-plist))))))))

(with-eval-after-load 'eglot
  (cl-defmethod eglot-handle-notification
    (_server (_method (eql codestral/status)) &key state message &allow-other-keys)
    "Keep the server's `codestral/status'."
    (codestral--on-status state message))
  (cl-defmethod eglot-handle-notification :around
    (_server (_method (eql $/progress)) &rest args &key token value &allow-other-keys)
    "Route `codestral/chat' partial results to their chat buffer; leave the rest to Eglot."
    (ignore args)
    (unless (codestral--on-progress token value)
      (cl-call-next-method))))

;;;; lsp-mode

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-request-async "lsp-mode")
(defvar lsp-progress-function)

;;;###autoload
(cl-defun codestral-lsp-mode-setup (&optional (inline t))
  "Register codestral-lsp with lsp-mode as an add-on server.
Unless INLINE is nil (it defaults to t), turn on
`lsp-inline-completion-mode' in buffers that lsp-mode manages,
when lsp-inline-completion exists (lsp-mode >= 10)."
  (require 'lsp-mode)
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'codestral-command)
    :activation-fn (lambda (&rest _) t)
    :add-on? t
    :priority -2
    :server-id 'codestral
    :initialization-options #'codestral--settings-table
    :notification-handlers
    (let ((handlers (make-hash-table :test #'equal)))
      (puthash "codestral/status"
               (lambda (_workspace params)
                 (codestral--on-status (codestral--get params "state") (codestral--get params "message")))
               handlers)
      (puthash "$/progress"
               (lambda (workspace params)
                 ;; Progress that is not a chat's goes where lsp-mode shows its own.
                 (unless (codestral--on-progress (codestral--get params "token") (codestral--get params "value"))
                   (when (and (boundp 'lsp-progress-function) lsp-progress-function)
                     (funcall lsp-progress-function workspace params))))
               handlers)
      handlers)))
  (when (and inline (require 'lsp-inline-completion nil t))
    (add-hook 'lsp-mode-hook #'codestral--lsp-inline-on)))

(defun codestral--lsp-inline-on ()
  (when (fboundp 'lsp-inline-completion-mode)
    (lsp-inline-completion-mode 1)))

(provide 'codestral)
;;; codestral.el ends here
