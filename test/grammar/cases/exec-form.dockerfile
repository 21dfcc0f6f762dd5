# SYNTAX TEST "source.dockerfile" "exec form JSON arrays and shell form"
CMD ["node", "server.js", "--port=8080"]
#   ^ meta.array.exec-form.dockerfile punctuation.definition.array.begin.dockerfile
#    ^ string.quoted.double.dockerfile punctuation.definition.string.begin.dockerfile
#     ^^^^ string.quoted.double.dockerfile
#          ^ punctuation.separator.array.dockerfile
#                          ^^^^^^ string.quoted.double.dockerfile - entity.other.attribute-name.flag.dockerfile
#                                      ^ punctuation.definition.array.end.dockerfile
ENTRYPOINT ["/bin/sh", "-c", "echo \"$HOME\" \\ \u00e9 \t \q"]
#                                  ^^ constant.character.escape.dockerfile
#                                    ^^^^^ string.quoted.double.dockerfile - variable.other.dockerfile
#                                            ^^ constant.character.escape.dockerfile
#                                               ^^^^^^ constant.character.escape.dockerfile
#                                                      ^^ constant.character.escape.dockerfile
#                                                         ^^ invalid.illegal.unrecognized-string-escape.dockerfile
RUN ["apt-get", \
#               ^ constant.character.escape.line-continuation.dockerfile
     "update"]
#    ^^^^^^^^ meta.array.exec-form.dockerfile string.quoted.double.dockerfile
#            ^ punctuation.definition.array.end.dockerfile
COPY ["$SRC", "/dst dir/"]
#      ^ string.quoted.double.dockerfile variable.other.dockerfile
RUN [ -f /etc/os-release ] && cat /etc/os-release
#   ^ meta.instruction.run.dockerfile - meta.array.exec-form.dockerfile
#                          ^^ keyword.operator.logical.dockerfile
CMD exec node 'server.js' | tee log; echo done
#             ^ string.quoted.single.shell.dockerfile punctuation.definition.string.begin.dockerfile
#                         ^ keyword.operator.pipe.dockerfile
#                                  ^ punctuation.terminator.statement.dockerfile
SHELL ["pwsh", "-Command"]
#      ^^^^^^ meta.instruction.shell.dockerfile meta.array.exec-form.dockerfile string.quoted.double.dockerfile
