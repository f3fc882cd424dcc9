module github.com/klusbuddy/klusbuddy

go 1.26
