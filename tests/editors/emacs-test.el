;;; emacs-test.el --- Emacs/eglot end-to-end test of rolekit lsp  -*- lexical-binding: t; -*-

;; Run by tests/editors/run-emacs.sh:
;;   emacs -Q --batch -l editors/emacs/rolekit-eglot.el -l tests/editors/emacs-test.el
;; with ROLEKIT_E2E_FILE = a copy of tests/fixtures/editors/platform-engineer.md
;; (`tone: concise-technicl').  Opens it, lets the hook's `eglot-ensure'
;; connect (running `post-command-hook' and the idle timers by hand, as batch
;; mode has no command loop), waits for the `invalid-enum' diagnostic in
;; `flymake-diagnostics', asks eglot's completion-at-point for the values
;; after `tone: ' and expects `concise-technical', then applies the quick fix
;; through eglot and waits for the diagnostic to clear; then formats the
;; buffer with `eglot-format-buffer' (a needless quote and trailing white
;; space added first) and expects exactly those lines fixed, and a second
;; formatting to change nothing.  Every wait has a timeout; exit 0 only when
;; every check passed.

(require 'cl-lib)
(require 'package)

;; -Q skips site-start, so Debian's elpa-* packages are not activated yet.
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/local/share/emacs/site-lisp/elpa"))
  (when (file-directory-p dir)
    (add-to-list 'package-directory-list dir)))
(package-initialize)
(require 'eglot)   ; runs the `with-eval-after-load' of rolekit-eglot.el
(require 'flymake)

(defvar rk-file (getenv "ROLEKIT_E2E_FILE"))
(defvar rk-timeout
  (/ (string-to-number (or (getenv "ROLEKIT_E2E_TIMEOUT_MS") "10000")) 1000.0))
(defvar rk-start (float-time))
(defvar rk-failures 0)

(defun rk-ms () (* 1000 (- (float-time) rk-start)))

(defun rk-out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun rk-check (name ok &optional detail)
  (if ok
      (rk-out "ok   emacs: %s (%.0f ms)" name (rk-ms))
    (setq rk-failures (1+ rk-failures))
    (rk-out "FAIL emacs: %s (%.0f ms)%s" name (rk-ms)
            (if detail (concat "\n     " detail) "")))
  ok)

(defun rk-idle ()
  "Do what the command loop does after a command and when the user pauses.
Batch mode has no command loop: run `post-command-hook' (eglot-ensure
connects there, flymake starts there) and the idle timers (eglot sends
didChange from one, after `eglot-send-changes-idle-time'; flymake
rechecks from one), as an interactive Emacs would once idle."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (when (memq timer timer-idle-list)
      (timer-event-handler timer))))

(defun rk-wait (pred)
  "Idle (see `rk-idle') and process output until PRED is non-nil or timeout."
  (let ((deadline (+ (float-time) rk-timeout)) value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (rk-idle)
      (accept-process-output nil 0.02))
    value))

(defun rk-diag-code (d)
  (let ((spec (and (fboundp 'flymake-diagnostic-data)
                   (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))))
    (or (plist-get spec :code)
        (and (string-match "\\[\\([^]]+\\)\\]" (flymake-diagnostic-text d))
             (match-string 1 (flymake-diagnostic-text d))))))

(defun rk-pos (pos)
  "POS as (0-based line . column)."
  (save-excursion
    (goto-char pos)
    (cons (1- (line-number-at-pos)) (current-column))))

(defun rk-dump-events (server)
  "Print the tail of eglot's JSON-RPC log for SERVER (on failure)."
  (let ((events (ignore-errors (jsonrpc-events-buffer server))))
    (when (buffer-live-p events)
      (with-current-buffer events
        (let* ((lines (split-string (buffer-string) "\n"))
               (tail (last lines 60)))
          (rk-out "     eglot events (last %d of %d lines):\n       %s"
                  (length tail) (length lines)
                  (mapconcat #'identity tail "\n       ")))))))

(defun rk-finish ()
  (let ((server (ignore-errors (eglot-current-server))))
    (when (and server (> rk-failures 0))
      (rk-dump-events server))
    (when server
      ;; shutdown + exit, then wait for the process (eglot kills it on timeout).
      (condition-case err
          (eglot-shutdown server nil 5)
        (error (rk-out "note emacs: eglot-shutdown: %S" err)))
      (let ((deadline (+ (float-time) 5)))
        (while (and (jsonrpc-running-p server) (< (float-time) deadline))
          (accept-process-output nil 0.05)))
      ;; eglot 1.9 deletes the process right after sending `exit', so only
      ;; "gone" is checked here; the Neovim test checks the exit status.
      (rk-check "server process gone after eglot-shutdown" (not (jsonrpc-running-p server)))))
  (rk-out "emacs: %d failed (%.0f ms)" rk-failures (rk-ms))
  (kill-emacs (if (zerop rk-failures) 0 1)))

;; Never hang: a watchdog well past the per-wait timeouts.
(run-at-time (* 4 rk-timeout) nil
             (lambda ()
               (rk-out "FAIL emacs: watchdog fired after %.0f ms" (rk-ms))
               (kill-emacs 2)))

(condition-case err
    (progn
      (unless (and rk-file (not (string-empty-p rk-file)))
        (error "ROLEKIT_E2E_FILE is not set"))
      (rk-out "emacs: %s, eglot %s" emacs-version
              (or (ignore-errors
                    (package-version-join
                     (package-desc-version (cadr (assq 'eglot package-alist)))))
                  "?"))
      (find-file rk-file)
      (let* ((buf (current-buffer))
             (tone-line (save-excursion
                          (goto-char (point-min))
                          (and (re-search-forward "^tone: " nil t)
                               (1- (line-number-at-pos)))))
             (value-col (length "tone: "))
             server)
        (unless tone-line (error "the fixture has no `tone: ' line"))
        (rk-check (format "major mode %s is a Markdown mode" major-mode)
                  (derived-mode-p 'markdown-mode 'rolekit-markdown-mode))
        ;; eglot-ensure (from the mode hook) connects on the next command.
        (setq server (rk-wait (lambda ()
                                (with-current-buffer buf
                                  (and eglot--managed-mode (eglot-current-server))))))
        (when (rk-check "eglot connected to rolekit lsp" server
                        (format "servers: %S" (hash-table-count eglot--servers-by-project)))
          (rk-out "     server %s, root %s"
                  (plist-get (eglot--server-info server) :name)
                  (project-root (eglot--project server)))
          ;; Diagnostics through flymake.
          (let* ((find (lambda ()
                         (with-current-buffer buf
                           (cl-find "invalid-enum" (flymake-diagnostics)
                                    :key #'rk-diag-code :test #'equal))))
                 (diag (rk-wait find)))
            (rk-out "     diagnostics received:%s"
                    (or (mapconcat
                         (lambda (d)
                           (let ((b (rk-pos (flymake-diagnostic-beg d)))
                                 (e (rk-pos (flymake-diagnostic-end d))))
                             (format "\n       %d:%d-%d:%d %s %s" (car b) (cdr b) (car e) (cdr e)
                                     (flymake-diagnostic-type d) (flymake-diagnostic-text d))))
                         (with-current-buffer buf (flymake-diagnostics)) "")
                        ""))
            (when (rk-check "invalid-enum diagnostic in flymake-diagnostics" diag)
              (let ((b (rk-pos (flymake-diagnostic-beg diag)))
                    (e (rk-pos (flymake-diagnostic-end diag)))
                    (eol (save-excursion (goto-char (point-min)) (forward-line tone-line)
                                         (- (line-end-position) (line-beginning-position)))))
                (rk-check (format "diagnostic on the value (line %d, column %d)" tone-line value-col)
                          (equal (list b e) (list (cons tone-line value-col) (cons tone-line eol)))
                          (format "got %S-%S" b e))
                (rk-check "diagnostic is an error"
                          (eq (flymake-diagnostic-type diag) 'eglot-error)
                          (format "type %S" (flymake-diagnostic-type diag)))
                (rk-check "diagnostic from source rolekit"
                          (string-prefix-p "rolekit" (flymake-diagnostic-text diag))
                          (flymake-diagnostic-text diag)))))
          ;; Completion right after `tone: ', through eglot's capf.
          (goto-char (point-min))
          (forward-line tone-line)
          (forward-char value-col)
          (let* ((capf (eglot-completion-at-point))
                 (table (nth 2 capf))
                 (candidates (and table (all-completions "" table)))
                 (raw (jsonrpc-request server :textDocument/completion
                                       (eglot--CompletionParams)
                                       :timeout rk-timeout))
                 (items (if (vectorp raw) raw (plist-get raw :items)))
                 (labels (mapcar (lambda (i) (plist-get i :label)) items)))
            (rk-out "     completion-at-point candidates: %s"
                    (if candidates (mapconcat #'substring-no-properties candidates ", ") "(none)"))
            (rk-out "     textDocument/completion labels: %s"
                    (if labels (mapconcat #'identity labels ", ") "(none)"))
            (rk-check "completion-at-point offers concise-technical"
                      (member "concise-technical" (mapcar #'substring-no-properties candidates)))
            (rk-check "textDocument/completion has item concise-technical"
                      (member "concise-technical" labels)))
          ;; The quick fix, applied by eglot, clears the diagnostic: the
          ;; server's edit, eglot's didChange and the refreshed diagnostics.
          (let* ((diag (cl-find "invalid-enum" (flymake-diagnostics)
                                :key #'rk-diag-code :test #'equal))
                 (before (buffer-string))
                 (actions (and diag (eglot-code-actions (flymake-diagnostic-beg diag)
                                                        (flymake-diagnostic-end diag))))
                 (titles (mapcar (lambda (a) (plist-get a :title)) actions))
                 (fix (cl-find-if (lambda (a) (string-match-p "concise-technical" (plist-get a :title)))
                                  actions)))
            (rk-out "     quick fixes: %s" (if titles (mapconcat #'identity titles " | ") "(none)"))
            (when (rk-check "quick fix to concise-technical offered" fix)
              (eglot--read-execute-code-action (list fix) server "quickfix")
              (rk-check "the fix edits only the value"
                        (equal (buffer-string)
                               (replace-regexp-in-string "^tone: concise-technicl$"
                                                         "tone: concise-technical" before t t))
                        (format "tone line is now %S"
                                (save-excursion (goto-char (point-min)) (forward-line tone-line)
                                                (buffer-substring (point) (line-end-position)))))
              (rk-check "the diagnostic clears after the fix"
                        (rk-wait (lambda ()
                                   (with-current-buffer buf
                                     (not (cl-find "invalid-enum" (flymake-diagnostics)
                                                   :key #'rk-diag-code :test #'equal)))))
                        (format "still: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))))
          ;; Formatting (textDocument/formatting), as format-on-save runs it:
          ;; a needless quote and trailing white space go, nothing else moves.
          (goto-char (point-min))
          (when (re-search-forward "^role: \\(.*\\)$" nil t)
            (replace-match "role: '\\1'" t))
          (goto-char (point-max))
          (insert "Trailing spaces.   \n")
          (let ((messy (buffer-string)))
            (eglot-format-buffer)
            (rk-check "eglot-format-buffer removes the needless quote"
                      (save-excursion (goto-char (point-min)) (re-search-forward "^role: [a-z]" nil t))
                      (buffer-substring (point-min) (min (point-max) 200)))
            (rk-check "eglot-format-buffer removes trailing white space"
                      (and (not (string-match-p "Trailing spaces\\. +$" (buffer-string)))
                           (string-match-p "Trailing spaces\\.$" (buffer-string))))
            (rk-check "formatting changed only those lines"
                      (equal (buffer-string)
                             (replace-regexp-in-string
                              "Trailing spaces\\.   $" "Trailing spaces."
                              (replace-regexp-in-string "^role: '\\(.*\\)'$" "role: \\1" messy t) t t)))
            (let ((once (buffer-string)))
              (eglot-format-buffer)
              (rk-check "formatting twice changes nothing" (equal once (buffer-string))))))))
  (error
   (setq rk-failures (1+ rk-failures))
   (rk-out "FAIL emacs: error: %S" err)))
(rk-finish)

;;; emacs-test.el ends here
