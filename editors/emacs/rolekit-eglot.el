;;; rolekit-eglot.el --- rolekit lsp for role files, via eglot  -*- lexical-binding: t; -*-

;; Role files are Markdown.  Load this from your init file with `rolekit'
;; on PATH.  The end-to-end test loads this very file.

;; Debian's Emacs has no markdown-mode.  Without it, .md files get a plain
;; mode derived from text-mode, so eglot has a major mode to attach to.
(unless (fboundp 'markdown-mode)
  (define-derived-mode rolekit-markdown-mode text-mode "Markdown"
    "Markdown role files, for when markdown-mode is not installed.")
  (add-to-list 'auto-mode-alist '("\\.md\\'" . rolekit-markdown-mode)))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(((markdown-mode :language-id "markdown")
                  (rolekit-markdown-mode :language-id "markdown"))
                 . ("rolekit" "lsp")))
  (setq-default eglot-workspace-configuration
                '(:rolekit (:rules (:mojibake "warning")))))

(add-hook 'markdown-mode-hook #'eglot-ensure)
(add-hook 'rolekit-markdown-mode-hook #'eglot-ensure)

(provide 'rolekit-eglot)
;;; rolekit-eglot.el ends here
