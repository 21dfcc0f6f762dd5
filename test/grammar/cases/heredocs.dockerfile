# SYNTAX TEST "source.dockerfile" "heredocs: RUN bodies are embedded shell, COPY bodies are strings"
RUN <<EOF
#   ^^ meta.heredoc.dockerfile keyword.operator.heredoc.dockerfile
#     ^^^ meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile
apt-get update
# <-------------- meta.instruction.run.dockerfile meta.heredoc.dockerfile meta.embedded.block.shell source.shell
FROM inside the body
# <---- source.shell - keyword.other.instruction.dockerfile
  EOF
# ^^^ source.shell - keyword.control.heredoc-token.dockerfile
	EOF
#^^^ source.shell - keyword.control.heredoc-token.dockerfile
EOF
# <--- meta.heredoc.dockerfile keyword.control.heredoc-token.dockerfile - source.shell
RUN python3 <<-"PY" > /out.txt
#   ^^^^^^^ meta.instruction.run.dockerfile - meta.heredoc.dockerfile
#           ^^^ keyword.operator.heredoc.dockerfile
#              ^ punctuation.definition.string.begin.dockerfile
#               ^^ keyword.control.heredoc-token.dockerfile
#                   ^ meta.heredoc.dockerfile - source.shell
	print("hi")
#^^^^^ source.shell
	PY
#^^ keyword.control.heredoc-token.dockerfile
RUN --mount=type=cache,target=/root/.cache <<'EOT' bash -e
#   ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#                                            ^ punctuation.definition.string.begin.dockerfile
#                                             ^^^ keyword.control.heredoc-token.dockerfile
echo $HOME
#    ^^^^^ source.shell - variable.other.dockerfile
EOT
# <--- keyword.control.heredoc-token.dockerfile
RUN <<FILE1 cat > file1 && <<FILE2 cat > file2
#     ^^^^^ keyword.control.heredoc-token.dockerfile
#                       ^^ keyword.operator.logical.dockerfile
#                            ^^^^^ keyword.control.heredoc-token.dockerfile
I am
# <---- source.shell
FILE2
# <----- source.shell - keyword.control.heredoc-token.dockerfile
FILE1
# <----- keyword.control.heredoc-token.dockerfile
second
# <------ meta.heredoc.dockerfile source.shell
FILE2
# <----- keyword.control.heredoc-token.dockerfile
COPY <<EOF /etc/app.conf
#      ^^^ keyword.control.heredoc-token.dockerfile
#          ^^^^^^^^^^^^^ meta.instruction.copy.dockerfile - string.unquoted.heredoc.dockerfile
port=${PORT:-8080}
# <----- meta.instruction.copy.dockerfile meta.heredoc.dockerfile string.unquoted.heredoc.dockerfile
#      ^^^^ variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY --chmod=755 <<'EOF' /usr/local/bin/run
#    ^^^^^^^ entity.other.attribute-name.flag.dockerfile
#!/bin/sh
# <--------- string.unquoted.heredoc.dockerfile - comment.line.number-sign.dockerfile
exec "$@" $HOME
#         ^^^^^ string.unquoted.heredoc.dockerfile - variable.other.dockerfile
EOF
# <--- keyword.control.heredoc-token.dockerfile
COPY <<one.txt <<two.txt /dest/
#      ^^^^^^^ keyword.control.heredoc-token.dockerfile
#                ^^^^^^^ keyword.control.heredoc-token.dockerfile
1
# <- string.unquoted.heredoc.dockerfile
one.txt
# <------- keyword.control.heredoc-token.dockerfile
2
# <- string.unquoted.heredoc.dockerfile
two.txt
# <------- keyword.control.heredoc-token.dockerfile
RUN echo $((1<<2)) && cat <<<"here string"
#            ^^^ - keyword.operator.heredoc.dockerfile
#                         ^^^ - keyword.operator.heredoc.dockerfile
WORKDIR /app
# <------- keyword.other.instruction.dockerfile
